"""`manage.py demo_banner --port N`: the demo logins and URLs `make demo` prints.

The sections come from the apps' navigation entries (the hub names none), and
the public sites from Wagtail's Site table."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from wagtail.models import Site

from hub.registry import registry
from hub.seeds import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins and URLs (used by `make demo`)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        base = f"http://{host}:{port}"
        self.stdout.write(self.style.SUCCESS("\nThe hub is starting on " + base))
        self.stdout.write(f"  {'Health':<16} {base}/healthz")
        self.stdout.write(f"  {'Wagtail admin':<16} {base}/cms/")
        with translation.override("en"):
            for entry in sorted(registry.nav.values(), key=lambda e: e.order):
                url = entry.resolve_url()
                if url not in ("/", "#") and url.startswith("/"):
                    self.stdout.write(f"  {str(entry.label):<16} {base}{url}")
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(f"  {'E-mails':<16} files in {settings.EMAIL_FILE_PATH}/")
        self.stdout.write(f"\nDemo logins (password “{DEMO_PASSWORD}”):")
        for username, (first, last, groups, superuser) in DEMO_USERS.items():
            role = "superuser" if superuser else ", ".join(groups)
            self.stdout.write(f"  {username:<8} {first} {last} — {role}")
        sites = Site.objects.exclude(is_default_site=True).order_by("hostname")
        count = sites.count()
        if count:
            self.stdout.write(f"\n{count} public sites, for example:")
            for site in sites[:5]:
                self.stdout.write(
                    f"  http://{site.hostname}:{port}/  ({site.site_name})"
                )
        self.stdout.write("")
