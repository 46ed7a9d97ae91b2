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
from ..search import fold, stem, words
from .fulltext import HIT_COLUMNS, ArticleRow, database_backend, fetch_rows, tables

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
    entry, page, article = tables()
    # The autocomplete vector holds folded stems (no accents), built with the
    # "simple" configuration: prefixes match as typed. Words are \w+, quoted.
    terms = " & ".join(
        "(" + " | ".join(f"'{p}':*" for p in alternatives) + ")"
        for alternatives in prefixes
    )
    sql = (
        f"SELECT w.page_id, {HIT_COLUMNS}, p.id IS NOT NULL, COUNT(*) OVER ()"  # noqa: S608
        " FROM ("
        "  SELECT e.object_id::integer AS page_id,"
        "   ts_rank(e.title, to_tsquery('simple', %s)) AS rank"
        f"  FROM {entry} e WHERE e.content_type_id = %s"
        "   AND e.autocomplete @@ to_tsquery('simple', %s)"
        "  ORDER BY rank DESC, e.id DESC LIMIT %s"
        f") w LEFT JOIN {page} p ON p.id = w.page_id AND p.live"
        f" LEFT JOIN {article}"
        " ORDER BY p.id IS NOT NULL DESC, w.rank DESC, w.page_id DESC LIMIT %s"
    )
    return sql, [terms, content_type, terms, WINDOW, WINDOW]


def _sqlite_statement(prefixes: list[list[str]], content_type: int):
    from wagtail.search.models import SQLiteFTSIndexEntry

    entry, page, article = tables()
    fts = SQLiteFTSIndexEntry._meta.db_table
    expression = " AND ".join(
        "("
        + " OR ".join(f'{{autocomplete title}} : "{p}" *' for p in alternatives)
        + ")"
        for alternatives in prefixes
    )
    # Columns are (autocomplete, body, title): a title hit weighs most.
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) AS page_id, {HIT_COLUMNS},"  # noqa: S608
        " p.id IS NOT NULL, COUNT(*) OVER () FROM ("
        f" SELECT rowid, bm25({fts}, 1.0, 0.0, 10.0) AS rank FROM {fts}"
        f" WHERE {fts} MATCH %s ORDER BY rank LIMIT %s"
        f") w JOIN {entry} e ON e.id = w.rowid"
        f" LEFT JOIN {page} p ON p.id = CAST(e.object_id AS INTEGER)"
        f"  AND e.content_type_id = %s AND p.live LEFT JOIN {article}"
        " ORDER BY p.id IS NOT NULL DESC, w.rank, page_id DESC LIMIT %s"
    )
    return sql, [expression, WINDOW, content_type, WINDOW]
