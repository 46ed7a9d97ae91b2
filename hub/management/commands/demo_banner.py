from django.core.management.base import BaseCommand
from wagtail.models import Site

from hub.seeds import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins and URLs (used by `make demo`)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        base = f"http://127.0.0.1:{port}"
        self.stdout.write(self.style.SUCCESS("\nThe hub is starting on " + base))
        self.stdout.write(f"  Health:        {base}/healthz")
        self.stdout.write(f"  Wagtail admin: {base}/cms/")
        self.stdout.write(f"  War room:      {base}/war-room/")
        self.stdout.write(f"  Wiki:          {base}/wiki/")
        self.stdout.write(f"\nDemo logins (password “{DEMO_PASSWORD}”):")
        for username, (first, last, groups, superuser) in DEMO_USERS.items():
            role = "superuser" if superuser else ", ".join(groups)
            self.stdout.write(f"  {username:<8} {first} {last} — {role}")
        sites = Site.objects.exclude(is_default_site=True).order_by("hostname")
        count = sites.count()
        if count:
            self.stdout.write(f"\n{count} microsites, for example:")
            for site in sites[:5]:
                self.stdout.write(
                    f"  http://{site.hostname}:{port}/  ({site.site_name})"
                )
        self.stdout.write("")
