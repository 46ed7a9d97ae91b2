"""`manage.py reindex_leads`: rebuild the Elasticsearch lead index in bulk.

Runs here with a progress bar; `--background` hands it to the worker instead
(followed on /tasks/)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hub.background import enqueue
from hub.progress import ProgressBar
from prospecting import search, tasks
from prospecting.models import Lead


class Command(BaseCommand):
    help = (
        "Recreate the lead search index and index every lead (needs ELASTICSEARCH_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Enqueue it for the background worker instead of running it here.",
        )

    def handle(self, *args, background=False, **options):
        if not search.enabled():
            raise CommandError(
                "ELASTICSEARCH_URL is not set: lead search uses the database, "
                "nothing to index."
            )
        if background:
            with transaction.atomic():
                result = enqueue(tasks.leads_reindex)
            where = f" (task {result.id})" if result is not None else ""
            self.stdout.write(self.style.SUCCESS(f"Reindexing enqueued{where}."))
            return
        with ProgressBar(
            Lead.objects.count(), "reindex_leads", stream=self.stdout
        ) as bar:
            done = search.leads_reindex(
                on_chunk=lambda indexed, total: bar.advance(indexed - bar.done)
            )
        self.stdout.write(
            self.style.SUCCESS(f"{done} leads indexed into {settings.LEAD_INDEX_NAME}")
        )
