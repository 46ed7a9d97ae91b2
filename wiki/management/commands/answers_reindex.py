"""Rebuild the answer engine's passages and compute their vectors here and now
(after changing HUB_EMBEDDER, restoring a backup, or to fill Elasticsearch).
Publishing keeps them up to date by itself: this is for the exceptions."""

from django.core.management.base import BaseCommand

from wiki.answers import es
from wiki.answers.embeddings import get_embedder
from wiki.answers.indexing import passages_embed, passages_rebuild


class Command(BaseCommand):
    help = "Rebuild article passages and embed those missing a vector."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="re-embed every passage, not only new or changed ones",
        )
        parser.add_argument(
            "--recreate-index",
            action="store_true",
            help="drop and create the Elasticsearch passage index first",
        )

    def handle(self, *args, **options):
        from wiki.models import ArticlePassage

        if options["recreate_index"]:
            if not es.enabled():
                self.stderr.write("ELASTICSEARCH_URL is not set: no index to create.")
            else:
                es.index_create(delete_existing=True)
        stale = passages_rebuild(embed=False)
        if options["all"] or options["recreate_index"]:
            ArticlePassage.objects.update(vector=None, embedder="")
            stale = list(ArticlePassage.objects.values_list("pk", flat=True))
        self.stdout.write(
            f"{ArticlePassage.objects.count()} passages, {len(stale)} to embed "
            f"with {get_embedder().name}"
        )
        done = passages_embed(
            ids=stale,
            on_batch=lambda n, total: self.stdout.write(f"  {n}/{total}"),
        )
        self.stdout.write(self.style.SUCCESS(f"{done} passages embedded"))
