from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.backup import backup_create


class Command(BaseCommand):
    help = "Write a .tar.gz with the database and the uploaded media."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=str(Path(settings.VAR_DIR) / "backups")
        )

    def handle(self, *args, output_dir, **options):
        try:
            info = backup_create(output_dir=Path(output_dir))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {info.path} ({info.vendor}, {info.media_files} media)"
            )
        )
