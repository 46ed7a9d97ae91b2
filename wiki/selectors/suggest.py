"""Suggestions for the header search box, as the user types, at a bounded cost.

Wagtail's `.autocomplete()` on the database backends ranks every match before
cutting (see fulltext): on SQLite a prefix found in every article ("aci" for
"acier") took 30 s at 10k articles, on PostgreSQL 50 ms at 10k and ten times
that at 100k — on each keystroke. Here, one statement per backend reads the
same index: the typed prefixes (or their stems) must start words of the
article's indexed stems or of its title; a WINDOW of the best, titles first,
is joined to live pages; Python puts the titles that start with the first
typed word on top.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from ..models import ArticlePage
from ..stemming import fold, stem, words
from .fulltext import (
    ArticleRow,
    database_backend,
    fetch_rows,
    fts_table,
    postgres_windowed,
    sqlite_windowed,
    tables,
)

WINDOW = 200
MAX_TERMS = 6


def suggested_rows(query: str, *, limit: int) -> list[ArticleRow] | None:
    """Live articles whose title or words start with every typed word, titles
    starting with the first word first; None when the search backend is not
    a database backend handled here."""
    backend = database_backend()
    if backend is None:
        return None
    typed = [fold(w) for w in words(query)][:MAX_TERMS]
    if not typed or len(" ".join(typed)) < 2:
        return []
    prefixes = [sorted({word, stem(word)}) for word in typed]
    build = _postgres_statement if backend == "postgresql" else _sqlite_statement
    sql, params = build(prefixes, ContentType.objects.get_for_model(ArticlePage).pk)
    rows = [row for row, passes, _window in fetch_rows(sql, params) if passes]
    first = typed[0]
    rows.sort(key=lambda row: (not fold(row.title).startswith(first), row.title))
    return rows[:limit]


def _postgres_statement(prefixes: list[list[str]], content_type: int):
    entry, _page, _article = tables()
    # The autocomplete vector holds folded stems (no accents), built with the
    # "simple" configuration: prefixes match as typed. Words are \w+, quoted.
    terms = " & ".join(
        "(" + " | ".join(f"'{p}':*" for p in alternatives) + ")"
        for alternatives in prefixes
    )
    window = (
        "SELECT e.object_id::integer AS page_id,"  # noqa: S608 - names, not input
        " ts_rank(e.title, to_tsquery('simple', %s)) AS rank"
        f" FROM {entry} e WHERE e.content_type_id = %s"
        " AND e.autocomplete @@ to_tsquery('simple', %s)"
        " ORDER BY rank DESC, e.id DESC LIMIT %s"
    )
    return postgres_windowed(
        window,
        [terms, content_type, terms, WINDOW],
        filters="p.live",
        filter_params=[],
        limit=WINDOW,
    )


def _sqlite_statement(prefixes: list[list[str]], content_type: int):
    expression = " AND ".join(
        "("
        + " OR ".join(f'{{autocomplete title}} : "{p}" *' for p in alternatives)
        + ")"
        for alternatives in prefixes
    )
    # Columns are (autocomplete, body, title): a title hit weighs most.
    return sqlite_windowed(
        f"bm25({fts_table()}, 1.0, 0.0, 10.0)",
        expression,
        content_type=content_type,
        filters="p.live",
        filter_params=[],
        limit=WINDOW,
        window=WINDOW,
    )
