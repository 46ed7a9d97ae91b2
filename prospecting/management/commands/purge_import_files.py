"""`manage.py purge_import_files --days 90`: run daily (cron) to delete the
uploaded files of old imports (an unfinished one is failed as abandoned); the
import rows and reports stay."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from prospecting.services import import_files_purge


class Command(BaseCommand):
    help = (
        "Delete the files of lead imports older than --days days; imports left "
        "unfinished that long are failed as abandoned."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help="keep the files of imports younger than this (default 90)",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        purged = import_files_purge(older_than=timedelta(days=days))
        self.stdout.write(
            self.style.SUCCESS(
                f"{purged} import files deleted (older than {days} days)"
            )
        )
