import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.registry import registry


class Command(BaseCommand):
    help = (
        "Create the French demo data: every seed step the apps registered, in "
        "order (see --only). Idempotent: run it again to top up what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="force",
            help="Allow seeding outside DEBUG and the demo settings (demo users "
            "have password 'demo').",
        )
        parser.add_argument(
            "--only", nargs="*", default=None, help="Run only these steps (names)."
        )
        parser.add_argument(
            "--small", action="store_true", help="Fewer objects (tests, quick demos)."
        )

    def handle(self, *args, **options):
        # hub.settings.demo runs with DEBUG off like production: it says it is a
        # demo (HUB_DEMO), which production settings never do.
        if not (settings.DEBUG or settings.HUB_DEMO or options["force"]):
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is "
                "off outside the demo settings. Pass --i-know-this-is-not-production "
                "if you mean it."
            )
        steps = registry.ordered_seed_steps()
        if options["only"]:
            unknown = set(options["only"]) - {s.name for s in steps}
            if unknown:
                raise CommandError(f"Unknown seed steps: {', '.join(sorted(unknown))}")
            steps = [s for s in steps if s.name in options["only"]]
        # Wagtail and the task runner log every page save at INFO: only the step
        # lines and progress bars should show (warnings and errors still do).
        previous = logging.root.manager.disable
        logging.disable(logging.INFO)
        try:
            self._run(steps, small=options["small"])
        finally:
            logging.disable(previous)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _run(self, steps, *, small):
        for number, step in enumerate(steps, start=1):
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"[{number}/{len(steps)}] {step.name}")
                + (f" — {step.description}" if step.description else "")
            )
            step.run(stdout=self.stdout, small=small)
