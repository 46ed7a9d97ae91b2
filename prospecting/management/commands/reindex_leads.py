"""`manage.py reindex_leads`: rebuild the Elasticsearch lead index in bulk."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.progress import ProgressBar
from prospecting import search
from prospecting.models import Lead

CHUNK = 1000


class Command(BaseCommand):
    help = (
        "Recreate the lead search index and index every lead (needs ELASTICSEARCH_URL)."
    )

    def handle(self, *args, **options):
        if not search.enabled():
            raise CommandError(
                "ELASTICSEARCH_URL is not set: lead search uses the database, "
                "nothing to index."
            )
        search.client()
        search.index_create(delete_existing=True)
        queryset = Lead.objects.select_related(
            "company", "contact", "stage", "owner"
        ).order_by("pk")
        total = queryset.count()
        done = 0
        with ProgressBar(total, "reindex_leads", stream=self.stdout) as bar:
            last = 0
            while True:
                chunk = list(queryset.filter(pk__gt=last)[:CHUNK])
                if not chunk:
                    break
                done += search.index_leads(chunk)
                last = chunk[-1].pk
                bar.advance(len(chunk))
        search.LeadDocument._index.refresh(using=search.ALIAS)
        self.stdout.write(
            self.style.SUCCESS(f"{done} leads indexed into {settings.LEAD_INDEX_NAME}")
        )
