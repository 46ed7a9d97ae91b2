from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wiki import trash
from wiki.selectors import trash_entries_older_than


class Command(BaseCommand):
    help = (
        "Delete for good the wiki pages that have been in the wiki trash for more "
        "than --days days (default 30), with everything under them. Idempotent: "
        "run it daily; --dry-run lists what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        if dry_run:
            self._dry_run(days)
            return
        items, pages = trash.trash_purge_older_than(
            days=days,
            on_item=lambda n, total, title, count: self.stdout.write(
                f"[{n}/{total}] Deleted “{title}” ({count} page(s))"
            ),
        )
        if not items:
            self.stdout.write(f"Nothing in the trash for more than {days} days.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {items} trashed item(s), {pages} page(s) in all."
            )
        )

    def _dry_run(self, days):
        before = timezone.now() - timezone.timedelta(days=days)
        entries = list(trash_entries_older_than(before=before).select_related("page"))
        if not entries:
            self.stdout.write(f"Nothing in the trash for more than {days} days.")
            return
        pages = 0
        total = len(entries)
        for n, entry in enumerate(entries, start=1):
            count = entry.page.get_descendant_count() + 1
            pages += count
            title = entry.page.title
            self.stdout.write(f"[{n}/{total}] Would delete “{title}” ({count} page(s))")
        self.stdout.write(
            self.style.SUCCESS(
                f"Would delete {len(entries)} trashed item(s), {pages} page(s) in all."
            )
        )
