"""Plain text of articles for search snippets, cached per published version.

A hit's snippet needs the article's body as text, and turning a StreamField
into text (parse the JSON, build every block's value, fetch embedded facts)
costs more than the whole search statement: ~0.25 ms per article, twenty per
results page. The text only changes when the article is published (its
`last_published_at` is the version stored next to the text) or when a product
fact it embeds is edited (`forget` is called by the service that re-indexes
those articles). A stale or missing entry is rebuilt from the page.
"""

from __future__ import annotations

from django.core.cache import cache

from ..models import ArticlePage

TIMEOUT = 7 * 24 * 3600


def _key(pk: int) -> str:
    return f"wiki:plain-text:{pk}"


def _version(page) -> str:
    published = page.last_published_at
    return published.isoformat() if published else ""


def article_plain_texts(pages) -> dict[int, str]:
    """Body text (facts and tables included) of each page, by id. `pages` are
    pages or search rows with `pk` and `last_published_at`; bodies are loaded
    only for entries rebuilt."""
    cached = cache.get_many([_key(page.pk) for page in pages])
    texts: dict[int, str] = {}
    for page in pages:
        version, text = cached.get(_key(page.pk), (None, ""))
        if version == _version(page):
            texts[page.pk] = text
    missing = [page.pk for page in pages if page.pk not in texts]
    if missing:
        texts.update(_rebuild(missing))
    return texts


def _rebuild(pks: list[int]) -> dict[int, str]:
    fresh = ArticlePage.objects.filter(pk__in=pks).only("body", "last_published_at")
    entries = {page.pk: (_version(page), page.body_text()) for page in fresh}
    cache.set_many({_key(pk): entry for pk, entry in entries.items()}, TIMEOUT)
    return {pk: text for pk, (_version_, text) in entries.items()}


def forget(pks) -> None:
    """Drop cached texts (a product fact the articles embed was edited)."""
    cache.delete_many([_key(pk) for pk in pks])
