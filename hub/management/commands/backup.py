from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.backup import backup_create


class Command(BaseCommand):
    help = (
        "Write a .tar.gz (mode 0600) with the database, the uploaded media and the "
        "private files (PRIVATE_MEDIA_ROOT)."
    )

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
                f"Backup written: {info.path} ({info.vendor}, {info.media_files} "
                f"media, {info.private_files} private files)"
            )
        )
