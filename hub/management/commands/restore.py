from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.backup import backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database, media and private files with those of a backup archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask")

    def handle(self, *args, archive, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such backup: {path}")
        if not yes:
            answer = input(
                f"Replace the current database, media and private files with {path}? "
                "[y/N] "
            )
            if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                raise CommandError("Restore cancelled.")
        try:
            info = backup_restore(archive=path)
        except (RuntimeError, KeyError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {info.vendor} database, {info.media_files} media and "
                f"{info.private_files} private files"
            )
        )
