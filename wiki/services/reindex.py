"""Re-indexing articles whose embedded product facts changed (search index,
snippet cache and the answer engine's passages)."""

from __future__ import annotations

from wagtail.models import ReferenceIndex

from ..models import (
    ArticlePage,
    ProductFact,
)
from ..selectors import plain_text


def articles_reindex_for_fact(*, fact: ProductFact) -> int:
    """Refresh the search index of the articles that embed `fact`: their indexed
    text (`search_stems`) carries the fact's name, summary and specifications,
    which Wagtail indexed when the article was saved, not when the fact was.
    The articles come from Wagtail's reference index (the fact's "Usage")."""
    return articles_reindex(page_ids=article_ids_embedding_fact(fact=fact))


def article_ids_embedding_fact(*, fact: ProductFact) -> list[int]:
    return [
        int(pk)
        for pk in ReferenceIndex.get_references_to(fact)
        .filter(base_content_type__app_label="wagtailcore")
        .values_list("object_id", flat=True)
    ]


def articles_reindex(*, page_ids: list[int]) -> int:
    """Re-index these articles (those gone meanwhile are skipped) and drop their
    cached plain text, so search and its snippets follow a fact's edit or
    deletion."""
    from wagtail.search.index import insert_or_update_object

    from ..answers.indexing import article_passages_sync, passages_embed

    count, stale = 0, []
    for article in ArticlePage.objects.filter(pk__in=page_ids):
        insert_or_update_object(article)
        # The answer engine's sections too, embedded here: this already runs
        # as a background task (wiki.tasks.articles_reindex).
        stale += article_passages_sync(page=article, embed=False)
        count += 1
    passages_embed(ids=stale)
    plain_text.forget(page_ids)  # search snippets too
    return count
