from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from microsites.services import SiteDetails, microsite_draft_create, microsite_publish


class Command(BaseCommand):
    help = (
        "Create a microsite as a draft from a template site (its evergreen pages, "
        "made for the new city), with its branding and editors group; --publish "
        "publishes it at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Portails Dijon"')
        parser.add_argument(
            "--hostname", required=True, help="e.g. portails-dijon.localhost"
        )
        parser.add_argument(
            "--from",
            dest="template",
            required=True,
            help="hostname of the microsite to start from",
        )
        parser.add_argument("--city", required=True)
        parser.add_argument("--department", required=True, help="number or name")
        parser.add_argument("--postal-code", required=True)
        parser.add_argument("--address", required=True, help="number and street")
        parser.add_argument("--phone", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--primary-color", default="")
        parser.add_argument("--accent-color", default="")
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, template, publish, **options):
        template_site = Site.objects.filter(hostname=template.lower()).first()
        if template_site is None:
            raise CommandError(f"No site answers on “{template}” (--from).")
        fields = SiteDetails.__dataclass_fields__
        details = SiteDetails(
            template=template_site,
            **{k: v for k, v in options.items() if k in fields and k != "logo"},
        )
        try:
            result = microsite_draft_create(details=details)
            if publish:
                microsite_publish(site=result.site, by=None)
        except ValidationError as error:
            lines = [
                f"{field}: {message}"
                for field, messages in getattr(
                    error, "message_dict", {"site": error.messages}
                ).items()
                for message in messages
            ]
            raise CommandError("\n".join(lines)) from error
        site = result.site
        state = "published" if publish else "draft (publish it from the admin)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Created “{site.site_name}” on http://{site.hostname}:8000/ "
                f"({result.pages} pages, {state})."
            )
        )
