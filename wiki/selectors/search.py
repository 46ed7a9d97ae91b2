"""Wiki search: Wagtail search finds the candidates, then one ranking for every
backend (SQLite FTS5, PostgreSQL, Elasticsearch score differently): words of the
title weigh most, then the summary, then the body."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.search.query import PlainText

from ..models import ArticlePage
from ..search import fold, highlight, query_stems, stems_of, words

CANDIDATES = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


@dataclass
class SearchHit:
    page: ArticlePage
    score: float
    title: str
    snippet: str


def _score(page: ArticlePage, wanted: set[str], position: int, count: int) -> float:
    """Title words weigh most, then the summary; the body counts through the
    backend's own order (no body parsing for pages that will not be shown)."""
    title = set(stems_of(page.title)) & wanted
    summary = set(stems_of(page.summary)) & wanted
    return (
        TITLE_WEIGHT * len(title) / len(wanted)
        + SUMMARY_WEIGHT * len(summary) / len(wanted)
        + BODY_WEIGHT * (1 - position / count)
    )


def _candidates(stems, category=None):
    queryset = ArticlePage.objects.live().select_related("expert")
    if category is not None:
        queryset = queryset.descendant_of(category)
    expression = PlainText(" ".join(stems), operator="and")
    return list(queryset.search(expression)[:CANDIDATES])


def article_search(*, query: str, category=None, limit: int = 20) -> list[SearchHit]:
    stems = query_stems(query)
    if not stems:
        return []
    pages = _candidates(stems, category)
    wanted = set(stems)
    ranked = sorted(
        (
            (_score(page, wanted, position, len(pages)), page)
            for position, page in enumerate(pages)
        ),
        key=lambda item: (-item[0], item[1].title),
    )[:limit]
    return [
        SearchHit(
            page=page,
            score=score,
            title=highlight(page.title, query, width=40),
            snippet=highlight(f"{page.summary} {page.body_text()}", query),
        )
        for score, page in ranked
    ]


def article_autocomplete(*, query: str, limit: int = 8) -> list[ArticlePage]:
    """Titles for the header box: prefix of the typed words (accents ignored),
    or of their stems ("galvanisé" → "Galvanisation à chaud")."""
    terms = [fold(w) for w in words(query)][:6]
    if not terms or len(" ".join(terms)) < 2:
        return []
    base = ArticlePage.objects.live()
    found: dict[int, ArticlePage] = {}
    for text in dict.fromkeys([" ".join(terms), " ".join(query_stems(query))]):
        if not text:
            continue
        for page in base.autocomplete(text, operator="and")[:limit]:
            found.setdefault(page.pk, page)
        if len(found) >= limit:
            break
    pages = list(found.values())[:limit]
    wanted = terms[0]
    pages.sort(key=lambda p: (not fold(p.title).startswith(wanted), p.title))
    return pages
