from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from microsites.services import microsite_create


class Command(BaseCommand):
    help = (
        "Create a microsite: its Wagtail Site, pages (copied from --from, or starter "
        "pages), branding and an editors group limited to its own tree."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Portails Bordeaux"')
        parser.add_argument(
            "--hostname", required=True, help="e.g. portails-bordeaux.localhost"
        )
        parser.add_argument(
            "--from",
            dest="template",
            default=None,
            help="hostname of an existing microsite to copy pages and branding from",
        )

    def handle(self, *args, name, hostname, template, **options):
        template_site = None
        if template:
            template_site = Site.objects.filter(hostname=template.lower()).first()
            if template_site is None:
                raise CommandError(f"No site answers on “{template}” (--from).")
        try:
            site = microsite_create(
                name=name, hostname=hostname, template=template_site
            )
        except ValidationError as error:
            lines = [
                f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise CommandError("\n".join(lines)) from error
        pages = site.root_page.get_descendants(inclusive=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created “{site.site_name}” on http://{site.hostname}:8000/ "
                f"({pages} pages, group “Éditeurs {site.site_name}”)."
            )
        )
