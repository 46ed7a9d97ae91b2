"""Wiki search at growing sizes: `wiki.selectors.article_search` vs the raw
full-text query it builds.

The baseline is the very SQL statement the search backend emits for the query
(SQLite FTS5 `MATCH`, PostgreSQL `@@ tsquery`), captured while the hub searches,
then executed alone through a cursor: the cost of the database doing the
full-text work, with no ORM, ranking, rendering or highlighting on top.
Articles are generated in bulk (see wiki_data); setup time is reported apart.
"""

from __future__ import annotations

import sys
import time

from benchmarks.harness import measure_row, ms, ratio, summarize, unavailable_row
from benchmarks.support import missing, table_missing

GOAL_RATIO = 2.0
GOAL_P95_MS = 50.0
GOAL_FROM_SIZE = 10_000  # "wiki search at 10k and 100k articles" (QUICK: 1k, a smoke)
QUERIES = [
    "galvanisation",
    "portail coulissant motorisation",
    "gabion garantie",
    "panneau rigide pose muret",
    "référence777",
]
SUGGESTIONS = ["gal", "portail cou", "aci"]  # typed in the header box
EVERYWHERE = "acier"  # in the body of every generated article
FTS_MARKERS = (" MATCH ", "@@", "to_tsquery")


def _hub_search(suggest: bool):
    """The search page's selector, or the header box's suggestions."""
    from wiki.selectors import article_autocomplete, article_search

    return article_autocomplete if suggest else article_search


def _fts_sql(query: str, search) -> str | None:
    """The full-text statement the hub's search runs for `query`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search(query=query)
    for entry in captured.captured_queries:
        if any(marker in entry["sql"] for marker in FTS_MARKERS):
            return entry["sql"]
    return None


def _raw(sql: str):
    from django.db import connection

    def execute():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return execute


def measure_size(
    size: int, repeat: int, queries=QUERIES, *, suggest=False
) -> tuple[dict, dict, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search = _hub_search(suggest)

    hub_samples, raw_samples, most = [], [], 0
    for query in queries:
        sql = _fts_sql(query, search)
        if sql is None:
            raise RuntimeError(f"no full-text statement captured for {query!r}")
        with CaptureQueriesContext(connection) as captured:
            search(query=query)
        most = max(most, len(captured))
        raw = _raw(sql)
        for _ in range(repeat):  # interleaved: noise hits both alike
            started = time.perf_counter()
            search(query=query)
            hub_samples.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw()
            raw_samples.append(time.perf_counter() - started)
    return summarize(hub_samples), summarize(raw_samples), most


def _row(size, hub, raw, queries, setup_s, vendor) -> dict:
    r = ratio(hub["p50_ms"], raw["p50_ms"])
    p95_goal = vendor == "postgresql" and size >= 100_000
    if size < GOAL_FROM_SIZE:
        # The raw statement takes a fraction of a millisecond here, so the
        # ratio measures the fixed cost of building the hits (loading 20
        # pages, highlighting): reported; the issue sets the goal at 10k+.
        ok, goal = None, f"reported (goal ≥ {GOAL_FROM_SIZE // 1000}k)"
    else:
        ok = r is not None and r <= GOAL_RATIO
        goal = f"≤ {GOAL_RATIO:g}× raw"
    if p95_goal:
        ok = ok and hub["p95_ms"] < GOAL_P95_MS
        goal += f", p95 < {GOAL_P95_MS:g} ms"
    return measure_row(
        f"wiki search {size:,} articles p50 ({vendor})",
        value=hub,
        baseline=raw,
        value_text=ms(hub),
        baseline_text=ms(raw),
        ratio_value=r,
        goal=goal,
        ok=ok,
        articles=size,
        queries_per_search=queries,
        setup_s=round(setup_s, 1),
        note=f"p95 {hub['p95_ms']:.2f} ms (raw {raw['p95_ms']:.2f} ms); hub adds "
        f"{hub['p50_ms'] - raw['p50_ms']:.2f} ms at p50; {queries} SQL queries/search; "
        f"generating took {setup_s:.1f} s",
    )


def run(ctx) -> list[dict]:
    reason = missing("wiki.selectors:article_search", "wiki.bootstrap:ensure_wiki_tree")
    if not reason:
        from wiki.models import ArticlePage

        reason = table_missing(ArticlePage)
    if reason:
        return [unavailable_row("wiki search", reason, f"≤ {GOAL_RATIO:g}× raw")]
    from django.db import connection

    from benchmarks import wiki_data

    sizes = [1000] if ctx.quick else [1000, 10_000, 100_000]

    # The search's cost is bounded by its window (wiki.selectors.fulltext),
    # not by the matches: as many repeats at 100k as at 1k.
    def repeat_for(size: int) -> int:
        return ctx.size(10, 20)

    category = wiki_data.ensure_category()
    rows, have = [], 0
    for size in sizes:
        started = time.perf_counter()
        wiki_data.add_articles(category, have, size - have)
        setup_s = time.perf_counter() - started
        have = size
        print(f"  {size:,} articles generated in {setup_s:.1f} s", file=sys.stderr)
        hub, raw, queries = measure_size(size, repeat_for(size))
        rows.append(_row(size, hub, raw, queries, setup_s, connection.vendor))
        print(f"  {rows[-1]['name']}: {rows[-1]['note']}", file=sys.stderr)
    # Reported, not goals: the five queries above are the everyday mix.
    # "acier" is in ~97 % of the articles (the generator draws 120 body words
    # from 36): every match goes through the index, only the window is ranked.
    rows.append(
        _reported_row(
            f"wiki search {have:,}, word in ~all articles ({connection.vendor})",
            measure_size(have, repeat_for(have), queries=[EVERYWHERE]),
            what=f"'{EVERYWHERE}'",
            articles=have,
        )
    )
    # The header box, on every keystroke: prefixes, one found in ~all articles.
    rows.append(
        _reported_row(
            f"wiki suggestions {have:,} articles p50 ({connection.vendor})",
            measure_size(have, repeat_for(have), SUGGESTIONS, suggest=True),
            what=", ".join(SUGGESTIONS),
            articles=have,
        )
    )
    return rows


def _reported_row(name: str, measured, *, what: str, articles: int) -> dict:
    hub, raw, queries = measured
    return measure_row(
        name,
        value=hub,
        baseline=raw,
        value_text=ms(hub),
        baseline_text=ms(raw),
        ratio_value=ratio(hub["p50_ms"], raw["p50_ms"]),
        goal="reported",
        ok=None,
        articles=articles,
        queries_per_search=queries,
        note=f"{what}: p95 {hub['p95_ms']:.2f} ms (raw {raw['p95_ms']:.2f} ms); "
        f"{queries} SQL queries each",
    )
