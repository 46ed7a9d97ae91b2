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
        before = timezone.now() - timezone.timedelta(days=days)
        # ids first: each purge is its own transaction, so an error on one page
        # keeps the ones already purged and names the one that failed.
        page_ids = list(
            trash_entries_older_than(before=before).values_list("page_id", flat=True)
        )
        total = len(page_ids)
        if not total:
            self.stdout.write(f"Nothing in the trash for more than {days} days.")
            return
        verb = "Would delete" if dry_run else "Deleted"
        pages = 0
        for n, page_id in enumerate(page_ids, start=1):
            entry = trash.TrashEntry.objects.select_related("page").get(page_id=page_id)
            title = entry.page.title
            if dry_run:
                count = entry.page.get_descendant_count() + 1
            else:
                count = trash.article_purge(page=entry.page, user=None)
            pages += count
            self.stdout.write(f"[{n}/{total}] {verb} “{title}” ({count} page(s))")
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {total} trashed item(s), {pages} page(s) in all."
            )
        )
