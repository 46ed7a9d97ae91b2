"""Keeping the passages in step with published articles (writes).

On publish, `article_passages_sync` rewrites the article's passages in the
publishing transaction (cheap: no model runs), so the forgiving full-text part
of `ask` finds the new text at once; the embeddings are computed after the
commit by the background task `wiki.tasks.passages_embed`, which only embeds
passages whose text changed (`digest`) or whose vector came from another
embedder. Unpublished, trashed or deleted articles lose their passages.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hub.background import enqueue

from ..models import ArticlePage, ArticlePassage
from . import es, store
from .embeddings import get_embedder, to_bytes
from .sections import article_sections


@transaction.atomic
def article_passages_sync(*, page: ArticlePage, embed: bool = True) -> list[int]:
    """Make the article's passages match its live content; returns the ids
    whose vector must be (re)computed, and enqueues that work when `embed`."""
    if not page.live:
        article_passages_remove(page_id=page.pk)
        return []
    existing = {p.anchor: p for p in ArticlePassage.objects.filter(page_id=page.pk)}
    now = timezone.now()
    stale, kept = [], set()
    for section in article_sections(page):
        kept.add(section.anchor)
        digest = section.digest(page.title)
        row = existing.get(section.anchor)
        if row is None:
            row = ArticlePassage(page_id=page.pk, anchor=section.anchor)
        changed = (
            row.pk is None
            or row.digest != digest
            or row.text != section.text
            or row.public != section.public
            or row.position != section.position
            or row.heading != section.heading[:255]
        )
        if not changed:
            if row.vector is None:
                stale.append(row.pk)
            continue
        if row.digest != digest or (es.enabled() and row.public != section.public):
            # New text, or (Elasticsearch) a document to rewrite with the flag.
            row.vector, row.embedder = None, ""
        row.position, row.heading = section.position, section.heading[:255]
        row.text, row.public, row.digest = section.text, section.public, digest
        row.updated_at = now
        row.full_clean(exclude=["page"])
        row.save()
        if row.vector is None:
            stale.append(row.pk)
    gone = [p.pk for anchor, p in existing.items() if anchor not in kept]
    if gone:
        ArticlePassage.objects.filter(pk__in=gone).delete()
    store.changed()
    if stale and embed:
        from .. import tasks

        enqueue(tasks.passages_embed, stale)
    return stale


def article_passages_remove(*, page_id: int) -> int:
    deleted, _rows = ArticlePassage.objects.filter(page_id=page_id).delete()
    store.changed()
    if deleted and es.enabled():
        transaction.on_commit(lambda: es.delete_page(page_id))
    return deleted


def passages_embed(*, ids: list[int], on_batch=None, batch: int = 64) -> int:
    """Compute and store the vectors of these passages (those gone meanwhile
    are skipped). One transaction per batch: a long run keeps what it did."""
    embedder = get_embedder()
    done = 0
    ids = list(ids)
    for start in range(0, len(ids), batch):
        chunk = list(
            ArticlePassage.objects.filter(pk__in=ids[start : start + batch])
            # Already done (a second task for the same passages): skipped.
            .exclude(embedder=embedder.name, vector__isnull=False)
            .select_related("page")
            .only("id", "anchor", "heading", "text", "digest", "public", "page__title")
        )
        if not chunk:
            continue
        texts = [_embedding_text(p) for p in chunk]
        vectors = embedder.passages(texts)
        now = timezone.now()
        stored = []
        with transaction.atomic():
            for passage, vector in zip(chunk, vectors, strict=True):
                # Only if the text is still the one embedded (a publish may
                # have changed it meanwhile: its own task will follow).
                if ArticlePassage.objects.filter(
                    pk=passage.pk, digest=passage.digest
                ).update(
                    vector=to_bytes(vector), embedder=embedder.name, updated_at=now
                ):
                    stored.append((passage, vector))
        store.changed()
        if stored and es.enabled():
            es.index_passages(stored)
        done += len(chunk)
        if on_batch:
            on_batch(done, len(ids))
    return done


def _embedding_text(passage: ArticlePassage) -> str:
    from .sections import Section

    return Section(
        position=0,
        anchor=passage.anchor,
        heading=passage.heading,
        text=passage.text,
        public=False,
    ).embedding_text(passage.page.title)


def passages_rebuild(*, embed: bool = True, on_article=None) -> list[int]:
    """Rebuild every live article's passages (after seeding, a change of the
    section rules); returns the passages left to embed."""
    live = set(ArticlePage.objects.live().values_list("pk", flat=True))
    ArticlePassage.objects.exclude(page_id__in=live).delete()
    stale: list[int] = []
    pages = ArticlePage.objects.live().order_by("pk")
    for n, page in enumerate(pages.iterator(chunk_size=200), start=1):
        stale += article_passages_sync(page=page, embed=False)
        if on_article:
            on_article(n, len(live))
    current = get_embedder().name
    stale += list(
        ArticlePassage.objects.exclude(embedder=current)
        .exclude(pk__in=stale)
        .values_list("pk", flat=True)
    )
    if stale and embed:
        from .. import tasks

        enqueue(tasks.passages_embed, stale)
    return stale
