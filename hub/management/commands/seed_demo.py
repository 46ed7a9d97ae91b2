from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.registry import registry


class Command(BaseCommand):
    help = (
        "Create the French demo data (users, wiki, Webschool, microsites, leads, "
        "video rooms). Idempotent: run it again to top up what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="force",
            help="Allow seeding when DEBUG is off (demo users have password 'demo').",
        )
        parser.add_argument(
            "--only", nargs="*", default=None, help="Run only these steps (names)."
        )
        parser.add_argument(
            "--small", action="store_true", help="Fewer objects (tests, quick demos)."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is "
                "off. Pass --i-know-this-is-not-production if you mean it."
            )
        steps = registry.ordered_seed_steps()
        if options["only"]:
            unknown = set(options["only"]) - {s.name for s in steps}
            if unknown:
                raise CommandError(f"Unknown seed steps: {', '.join(sorted(unknown))}")
            steps = [s for s in steps if s.name in options["only"]]
        for number, step in enumerate(steps, start=1):
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"[{number}/{len(steps)}] {step.name}")
                + (f" — {step.description}" if step.description else "")
            )
            step.run(stdout=self.stdout, small=options["small"])
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
