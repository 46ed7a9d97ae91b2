"""Wiki search: the search index finds the candidates (see fulltext), then one
ranking for every backend (SQLite FTS5, PostgreSQL, Elasticsearch score
differently): words of the title weigh most, then the summary, then the body."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.search.query import PlainText

from ..models import ArticlePage
from ..stemming import fold, highlighter, query_stems, stem_set, words
from .fulltext import ArticleRow, ranked_articles
from .plain_text import article_plain_texts
from .suggest import suggested_rows

CANDIDATES = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0
# What a hit shows (wiki/search.html), when the backend cannot read it with
# the ranking (Elasticsearch): a Wagtail page carries ~40 columns. The body
# comes as cached plain text (plain_text.py).
HIT_FIELDS = (
    "title",
    "url_path",
    "summary",
    "last_published_at",
    "last_reviewed",
    "expert__username",
    "expert__first_name",
    "expert__last_name",
)


@dataclass
class SearchHit:
    page: ArticlePage
    score: float
    title: str
    snippet: str
    expert: str


def _score(row: ArticleRow, wanted: set[str], position: int, count: int) -> float:
    """Title words weigh most, then the summary; the body counts through the
    backend's own order (no body parsing for pages that will not be shown)."""
    title = stem_set(row.title) & wanted
    summary = stem_set(row.summary) & wanted
    return (
        TITLE_WEIGHT * len(title) / len(wanted)
        + SUMMARY_WEIGHT * len(summary) / len(wanted)
        + BODY_WEIGHT * (1 - position / count)
    )


def _candidates(stems, query, category=None) -> list[ArticleRow]:
    """The CANDIDATES best matches, in the backend's order, holding what a hit
    shows: straight from the index on the database backends (one statement,
    bounded cost, see fulltext), through Wagtail's search elsewhere."""
    rows = ranked_articles(stems, query=query, within=category, limit=CANDIDATES)
    if rows is not None:
        return rows
    live = ArticlePage.objects.live().select_related("expert").only(*HIT_FIELDS)
    if category is not None:
        live = live.descendant_of(category)
    expression = PlainText(" ".join(stems), operator="and")
    return [_row(page) for page in live.search(expression)[:CANDIDATES]]


def _row(page: ArticlePage) -> ArticleRow:
    expert = page.expert
    return ArticleRow(
        pk=page.pk,
        title=page.title,
        url_path=page.url_path,
        last_published_at=page.last_published_at,
        summary=page.summary,
        last_reviewed=page.last_reviewed,
        expert_name=(expert.get_full_name() or expert.username) if expert else "",
    )


def article_search(*, query: str, category=None, limit: int = 20) -> list[SearchHit]:
    stems = query_stems(query)
    if not stems:
        return []
    candidates = _candidates(stems, query, category)
    wanted = set(stems)
    ranked = sorted(
        (
            (_score(row, wanted, position, len(candidates)), row)
            for position, row in enumerate(candidates)
        ),
        key=lambda item: (-item[0], item[1].title),
    )[:limit]
    texts = article_plain_texts([row for _score, row in ranked])
    excerpt = highlighter(query)
    return [
        SearchHit(
            page=row.page(),
            score=score,
            title=excerpt(row.title, width=40),
            snippet=excerpt(f"{row.summary} {texts[row.pk]}"),
            expert=row.expert_name,
        )
        for score, row in ranked
    ]


def article_autocomplete(*, query: str, limit: int = 8) -> list[ArticlePage]:
    """Titles for the header box: prefix of the typed words (accents ignored),
    or of their stems ("galvanisé" → "Galvanisation à chaud"). Bounded cost on
    the database backends (suggest.py); Wagtail's autocomplete elsewhere."""
    rows = suggested_rows(query, limit=limit)
    if rows is not None:
        return [row.page() for row in rows]
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
