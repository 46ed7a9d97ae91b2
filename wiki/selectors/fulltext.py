"""Ranked wiki search candidates read straight from Wagtail's database search
index, at a cost bounded by a window instead of by the number of matches.

Why not `ArticlePage.objects.search()` on the database backends: they rank
*every* match before cutting to the page shown. On PostgreSQL the filter is
`(title || body) @@ query`, a vector concatenated per row, so the GIN indexes
on `title` and `body` go unused and each search scans the whole index; on
SQLite the ranking is a correlated subquery that runs `MATCH` again for each
match (quadratic in matches). At 100k articles, a word found in one article in
ten cost seconds (docs/performance.md). Both index tables are maintained by
Wagtail on every publish; only the read is ours:

1. match with the index (PostgreSQL GIN `body @@ query`, SQLite FTS5 `MATCH`)
   on the body vector, which holds every word of the article (`search_stems`
   covers title, summary and body);
2. keep the WINDOW best of those by title relevance (PostgreSQL: title vectors
   are a few dozen bytes, cheap to rank) or by FTS5's own bm25 with the title
   weighted (computed in C, ordered by FTS5 itself);
3. rank that window fully (title + body), then join pages for the live and
   category filters.

Exact when a query matches at most WINDOW articles. Beyond, articles whose
title does not match are ranked within the window, newest first, the trade
Elasticsearch makes with `terminate_after`. When the filters leave fewer than
the requested rows of a full window (many drafts, a small category, a word
used mostly by other page types), the exact statement (filters first, every
match ranked) runs instead. Other backends (Elasticsearch, MySQL, SQLite
without FTS5) return None: the caller uses Wagtail's own search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import django
from django.contrib.contenttypes.models import ContentType
from django.db import DJANGO_VERSION_PICKLE_KEY, connection
from django.db.models.base import ModelState
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ..models import ArticlePage
from ..stemming import fold, words

WINDOW = 1000
PK = ArticlePage._meta.pk.attname
TITLE_WEIGHT = 10.0  # title relevance over body relevance, as the hub reranks


@dataclass(frozen=True)
class _Search:
    """One search, as the statements need it (user text only ever in params)."""

    stems: list[str]
    query: str
    content_type: int
    filters: str  # SQL on the page alias `p`, made of constants only
    filter_params: list
    limit: int


@dataclass(frozen=True)
class ArticleRow:
    """One candidate, as the statement read it: what ranking and a hit card
    need, without building a Wagtail page (~40 columns, costly to construct)."""

    pk: int
    title: str
    url_path: str
    last_published_at: datetime | None
    summary: str
    last_reviewed: date | None
    expert_name: str

    def page(self) -> ArticlePage:
        """A deferred ArticlePage holding these columns, without a query: enough
        for `{% pageurl %}` and the hit card; any other field loads on access.

        Made the way Django unpickles a cached instance (`Model.__setstate__`):
        `Page.__init__` scans the model's child relations on every instance,
        which for the 20 hits of a page cost a third of what Python adds to
        the search statement."""
        state = ModelState()
        state.adding, state.db = False, connection.alias
        page = ArticlePage.__new__(ArticlePage)
        page.__setstate__(
            {
                DJANGO_VERSION_PICKLE_KEY: django.__version__,
                "_state": state,
                "id": self.pk,
                PK: self.pk,
                "title": self.title,
                "url_path": self.url_path,
                "last_published_at": self.last_published_at,
                "summary": self.summary,
                "last_reviewed": self.last_reviewed,
            }
        )
        return page


def ranked_articles(
    stems: list[str], *, query: str, within: Page | None = None, limit: int
) -> list[ArticleRow] | None:
    """Live articles matching every stem, best first, with what a hit card
    shows, read by the same statement; None when the search backend is not
    one of the two database backends handled here."""
    statement = _statement_builder()
    if statement is None or not stems:
        return None if statement is None else []
    filters, filter_params = _page_filters(within)
    search = _Search(
        stems=stems,
        query=query,
        content_type=ContentType.objects.get_for_model(ArticlePage).pk,
        filters=filters,
        filter_params=filter_params,
        limit=limit,
    )
    rows = fetch_rows(*statement(search, windowed=True))
    kept = [row for row, passes, _window in rows if passes]
    window_full = bool(rows) and rows[0][2] >= WINDOW
    if len(kept) >= limit or not window_full:
        return kept[:limit]
    return [
        row for row, _passes, _window in fetch_rows(*statement(search, windowed=False))
    ]


def database_backend() -> str | None:
    """ "postgresql" or "sqlite" when Wagtail searches with that database's own
    full-text index (the tables read here); None otherwise (Elasticsearch,
    MySQL, SQLite without FTS5)."""
    backend = type(get_search_backend()).__module__
    if connection.vendor == "postgresql" and backend.endswith(".postgres.postgres"):
        return "postgresql"
    if connection.vendor == "sqlite" and backend.endswith(".sqlite.sqlite"):
        return "sqlite"
    return None


def _statement_builder():
    return {"postgresql": _postgres_statement, "sqlite": _sqlite_statement}.get(
        database_backend()
    )


# What a hit card shows (wiki/search.html), on the page alias `p`, the article
# alias `a` and the expert alias `u`, after the page id: no second query.
HIT_COLUMNS = (
    "p.title, p.url_path, p.last_published_at, a.summary, a.last_reviewed,"
    " u.username, u.first_name, u.last_name"
)


def fetch_rows(sql: str, params: list) -> list[tuple[ArticleRow, bool, int]]:
    """(row, passes the page filters, rows in the window) for each result."""
    published = _converter("last_published_at")
    reviewed = _converter("last_reviewed")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        results = cursor.fetchall()
    return [
        (
            ArticleRow(
                pk=int(pk),
                title=title,
                url_path=url_path,
                last_published_at=published(last_published_at),
                summary=summary,
                last_reviewed=reviewed(last_reviewed),
                expert_name=expert_label(first, last, username),
            ),
            bool(passes),
            window,
        )
        for (
            pk,
            title,
            url_path,
            last_published_at,
            summary,
            last_reviewed,
            username,
            first,
            last,
            passes,
            window,
        ) in results
    ]


def expert_label(first_name, last_name, username) -> str:
    """What `User.get_full_name() or username` gives, from the columns."""
    return f"{first_name or ''} {last_name or ''}".strip() or username or ""


def _converter(attname: str):
    """The ORM's conversion of a raw column value for `attname` (SQLite hands
    dates back as text; the ORM makes them dates and aware datetimes)."""
    field = ArticlePage._meta.get_field(attname)
    column = field.get_col(field.model._meta.db_table)
    steps = connection.ops.get_db_converters(column) + field.get_db_converters(
        connection
    )

    def convert(value):
        for step in steps:
            value = step(value, column, connection)
        return value

    return convert


def _page_filters(within: Page | None) -> tuple[str, list]:
    """SQL on the page alias `p`: live, and under `within` when given."""
    if within is None:
        return "p.live", []
    path_filter = "p.live AND p.path LIKE %s AND p.depth > %s"
    return path_filter, [f"{within.path}%", within.depth]


def tables() -> tuple[str, str, str]:
    """Index entries, pages (alias `p`), and the joins adding articles (`a`)
    and their experts (`u`)."""
    from wagtail.search.models import IndexEntry

    page = Page._meta.db_table
    article = ArticlePage._meta.db_table
    ptr = ArticlePage._meta.pk.column
    expert = ArticlePage._meta.get_field("expert")
    users = expert.related_model._meta.db_table
    joins = (
        f"{article} a ON a.{ptr} = p.id LEFT JOIN {users} u ON u.id = a.{expert.column}"
    )
    return IndexEntry._meta.db_table, page, joins


# The statements below interpolate table names, constants and SQL fragments
# built here; every value that comes from a user is a query parameter.

# -- PostgreSQL --------------------------------------------------------------


def _postgres_statement(search: _Search, *, windowed: bool) -> tuple[str, list]:
    entry, page, article = tables()
    config = get_search_backend().config
    tsquery = "plainto_tsquery(%s::regconfig, %s)" if config else "plainto_tsquery(%s)"
    config_params = [config] if config else []
    match_params = [*config_params, " ".join(search.stems)]
    # PostgreSQL's French stemmer cuts our stems again ("galvanis" → "galvan")
    # while titles are stemmed from whole words ("galvanisation" → "galvanis"):
    # titles are ranked against the typed words *or* their stems.
    typed = " ".join(fold(w) for w in words(search.query))
    title_query = f"({tsquery} || {tsquery})"
    title_params = [*config_params, typed, *match_params]
    rank = (
        f"{TITLE_WEIGHT} * ts_rank(e.title, {title_query}) * e.title_norm"
        f" + ts_rank(e.body, {tsquery})"
    )
    rank_params = [*title_params, *match_params]
    if not windowed:
        sql = (
            f"SELECT p.id, {HIT_COLUMNS}, TRUE AS hit_ok, 0 AS hit_window"  # noqa: S608
            f" FROM {entry} e JOIN {page} p ON p.id = e.object_id::integer"
            f" JOIN {article}"
            f" WHERE e.content_type_id = %s AND e.body @@ {tsquery}"
            f" AND {search.filters} ORDER BY {rank} DESC, p.id DESC LIMIT %s"
        )
        params = [search.content_type, *match_params, *search.filter_params]
        return sql, [*params, *rank_params, search.limit]
    window = (
        f"SELECT e.object_id::integer AS page_id, {rank} AS rank FROM ("  # noqa: S608
        f" SELECT e.id, e.object_id, e.title, e.body, e.title_norm FROM {entry} e"
        f" WHERE e.content_type_id = %s AND e.body @@ {tsquery}"
        f" ORDER BY ts_rank(e.title, {title_query}) * e.title_norm DESC, e.id DESC"
        " LIMIT %s) e"
    )
    params = [*rank_params, search.content_type, *match_params, *title_params]
    return postgres_windowed(
        window,
        [*params, WINDOW],
        filters=search.filters,
        filter_params=search.filter_params,
        limit=search.limit,
    )


def postgres_windowed(
    window: str, params: list, *, filters: str, filter_params: list, limit: int
) -> tuple[str, list]:
    """The statement around a `window` yielding (page_id, rank) rows, highest
    rank best: the hit columns, the page filters (rows outside them kept, with
    hit_ok false) and the window's size — what `fetch_rows` reads."""
    _entry, page, article = tables()
    sql = (
        f"SELECT w.page_id, {HIT_COLUMNS}, p.id IS NOT NULL AS hit_ok,"  # noqa: S608
        f" COUNT(*) OVER () AS hit_window FROM ({window}) w"
        f" LEFT JOIN {page} p ON p.id = w.page_id AND {filters} LEFT JOIN {article}"
        " ORDER BY p.id IS NOT NULL DESC, w.rank DESC, w.page_id DESC LIMIT %s"
    )
    return sql, [*params, *filter_params, limit]


# -- SQLite FTS5 -------------------------------------------------------------


def fts5_expression(stems: list[str]) -> str:
    """Every stem in the body (the article's stems), or as a prefix of a title
    word so bm25 weighs title hits ("galvanis" → "Galvanisation à chaud").
    Stems are `\\w+` words; quoting them keeps FTS5 operators out."""
    terms = [s.replace('"', "") for s in stems]
    return " AND ".join(f'(body : "{t}" OR title : "{t}" *)' for t in terms if t)


def _sqlite_statement(search: _Search, *, windowed: bool) -> tuple[str, list]:
    entry, page, article = tables()
    fts = fts_table()
    # Columns are (autocomplete, body, title); bm25 is lower-is-better.
    bm25 = f"bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT})"
    expression = fts5_expression(search.stems)
    if not windowed:
        sql = (
            f"SELECT p.id, {HIT_COLUMNS}, 1 AS hit_ok, 0 AS hit_window"  # noqa: S608
            f" FROM {fts}"
            f" JOIN {entry} e ON e.id = {fts}.rowid"
            f" JOIN {page} p ON p.id = CAST(e.object_id AS INTEGER) JOIN {article}"
            f" WHERE {fts} MATCH %s AND e.content_type_id = %s AND {search.filters}"
            f" ORDER BY {bm25}, p.id DESC LIMIT %s"
        )
        params = [expression, search.content_type, *search.filter_params]
        return sql, [*params, search.limit]
    return sqlite_windowed(
        bm25,
        expression,
        content_type=search.content_type,
        filters=search.filters,
        filter_params=search.filter_params,
        limit=search.limit,
    )


def fts_table() -> str:
    from wagtail.search.models import SQLiteFTSIndexEntry

    return SQLiteFTSIndexEntry._meta.db_table


def sqlite_windowed(
    rank: str,
    expression: str,
    *,
    content_type: int,
    filters: str,
    filter_params: list,
    limit: int,
    window: int = WINDOW,
) -> tuple[str, list]:
    """The `window` best FTS5 matches of `expression` by `rank` (a bm25 call,
    lower is better), FTS5 ordering them itself, then the hit columns, the
    content type and page filters (rows outside them kept, with hit_ok false)
    and the window's size — what `fetch_rows` reads."""
    entry, page, article = tables()
    fts = fts_table()
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) AS page_id, {HIT_COLUMNS},"  # noqa: S608
        " p.id IS NOT NULL AS hit_ok, COUNT(*) OVER () AS hit_window FROM ("
        f" SELECT rowid, {rank} AS rank FROM {fts} WHERE {fts} MATCH %s"
        "  ORDER BY rank LIMIT %s"
        f") w JOIN {entry} e ON e.id = w.rowid"
        f" LEFT JOIN {page} p ON p.id = CAST(e.object_id AS INTEGER)"
        f"  AND e.content_type_id = %s AND {filters} LEFT JOIN {article}"
        " ORDER BY p.id IS NOT NULL DESC, w.rank, page_id DESC LIMIT %s"
    )
    return sql, [expression, window, content_type, *filter_params, limit]
