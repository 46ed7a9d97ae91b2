"""A microsite product page over real HTTP: Daphne in a subprocess, load from this
process with the asyncio client (see loadgen).

- cached: the page as anonymous visitors get it (microsites.cache hit);
- uncached: the same page with a query parameter the page cache ignores
  (`?bench=1` is not a UTM key), so every request renders, with Wagtail's other
  caches warm, as a real cache miss would;
- baseline: a minimal Django view returning the very same bytes on the same Daphne,
  through the same middleware (benchmarks.urls, benchmark settings only), on
  the hub host since microsite hosts only route to pages.

Goals (issue 16): cached p50 ≤ 1.5× the minimal view, uncached ≤ 3× and at most
8 SQL queries. Latency at concurrency 1, blocks interleaved (cached, baseline,
uncached, ×3) so machine noise hits all three; throughput at concurrency 8.
Queries of one uncached render are counted in-process (Django test client,
same code path).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import measure_row, ms, ratio, summarize, unavailable_row
from benchmarks.support import missing, table_missing

GOAL_CACHED = 1.5
GOAL_UNCACHED = 3.0
GOAL_QUERIES = 8
ROUNDS = 3
BASELINE_PATH = "/__bench__/same-bytes/"
# Microsite hosts get the public URLconf (hub.middleware), which has no room for a
# benchmark route: the baseline answers on the hub host, through the same
# middleware stack.
HUB_HOST = "127.0.0.1"


def count_queries(hostname: str, path: str) -> tuple[int, int, str]:
    """(queries of an uncached render, queries of a cache hit, cache header)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=hostname)
    client.get(path)  # fills the page cache and Wagtail's site-root cache
    client.get(f"{path}?bench=1")
    with CaptureQueriesContext(connection) as uncached:
        response = client.get(f"{path}?bench=1")
    if response.status_code != 200:
        raise RuntimeError(f"{hostname}{path}?bench=1 answered {response.status_code}")
    with CaptureQueriesContext(connection) as cached:
        response = client.get(path)
    return len(uncached), len(cached), response.get("X-Microsite-Cache", "")


def load_all(port, hostname, path, requests, concurrency) -> dict[str, dict]:
    from benchmarks.loadgen import load

    targets = {
        "cached": (hostname, path),
        "baseline": (HUB_HOST, BASELINE_PATH),
        "uncached": (hostname, f"{path}?bench=1"),
    }
    samples = {name: [] for name in targets}
    walls = dict.fromkeys(targets, 0.0)
    for _round in range(ROUNDS):
        for name, (host, target) in targets.items():
            result = load(
                port, target, host=host, requests=requests, concurrency=concurrency
            )
            if result.errors:
                raise RuntimeError(f"{name} {target}: {result.errors[:3]}")
            samples[name].extend(result.latencies)
            walls[name] += result.wall_s
    return {name: summarize(samples[name], walls[name]) for name in targets}


def measure(hostname: str, path: str, ctx) -> tuple[dict, dict, int]:
    from benchmarks.loadgen import fetch
    from benchmarks.server import daphne

    with tempfile.TemporaryDirectory() as directory:
        body_file = Path(directory) / "page.html"
        with daphne(env={"HUB_BENCH_BODY_FILE": str(body_file)}) as port:
            status, body = fetch(port, path, host=hostname)
            if status != 200:
                raise RuntimeError(f"{hostname}{path} answered {status}")
            body_file.write_bytes(body)
            _status, same = fetch(port, BASELINE_PATH, host=HUB_HOST)
            if same != body:
                raise RuntimeError(
                    f"the baseline view does not return the same bytes "
                    f"({len(same)} vs {len(body)}): {same[:80]!r}"
                )
            fetch(port, f"{path}?bench=1", host=hostname)  # warm the render path
            latency = load_all(port, hostname, path, ctx.size(60, 400), 1)
            throughput = load_all(port, hostname, path, ctx.size(60, 400), 8)
    return latency, throughput, len(body)


def _rows(latency, throughput, queries, size) -> list[dict]:
    cached, base, uncached = latency["cached"], latency["baseline"], latency["uncached"]
    cached_ratio = ratio(cached["p50_ms"], base["p50_ms"])
    uncached_ratio = ratio(uncached["p50_ms"], base["p50_ms"])
    t_cached, t_base, t_uncached = (
        throughput["cached"],
        throughput["baseline"],
        throughput["uncached"],
    )
    uncached_q, cached_q, header = queries
    return [
        measure_row(
            "microsite page cached p50 (HTTP, c=1)",
            value=cached,
            baseline=base,
            value_text=ms(cached),
            baseline_text=ms(base),
            ratio_value=cached_ratio,
            goal=f"≤ {GOAL_CACHED}× minimal view",
            ok=cached_ratio is not None and cached_ratio <= GOAL_CACHED,
            bytes=size,
            queries=cached_q,
            cache_header=header,
            note=f"{size:,} bytes; p95 {cached['p95_ms']:.2f} ms vs "
            f"{base['p95_ms']:.2f} ms; {cached_q} queries on a hit "
            f"(X-Microsite-Cache: {header})",
        ),
        measure_row(
            "microsite page uncached p50 (HTTP, c=1)",
            value=uncached,
            baseline=base,
            value_text=ms(uncached),
            baseline_text=ms(base),
            ratio_value=uncached_ratio,
            goal=f"≤ {GOAL_UNCACHED}× minimal view, ≤ {GOAL_QUERIES} queries",
            ok=uncached_ratio is not None
            and uncached_ratio <= GOAL_UNCACHED
            and uncached_q <= GOAL_QUERIES,
            queries=uncached_q,
            note=f"{uncached_q} SQL queries per render; "
            f"p95 {uncached['p95_ms']:.2f} ms",
        ),
        measure_row(
            "microsite page cached req/s (HTTP, c=8)",
            value=t_cached,
            baseline=t_base,
            value_text=f"{t_cached['per_s']:.0f}/s",
            baseline_text=f"{t_base['per_s']:.0f}/s",
            ratio_value=ratio(t_base["per_s"], t_cached["per_s"]),
            goal="reported (base/page)",
            ok=None,
            note=f"uncached {t_uncached['per_s']:.0f}/s, p95 "
            f"{t_uncached['p95_ms']:.1f} ms; cached p95 {t_cached['p95_ms']:.1f} ms",
        ),
    ]


def run(ctx) -> list[dict]:
    reason = missing("microsites.cache:entry_key", "microsites.seeding:seed_microsites")
    if not reason:
        from microsites.models import ProductPage

        reason = table_missing(ProductPage)
    if reason:
        return [
            unavailable_row("microsite page", reason, f"≤ {GOAL_CACHED}× minimal view")
        ]
    from benchmarks import site_data

    hostname, path = site_data.a_product_page()
    queries = count_queries(hostname, path)
    latency, throughput, size = measure(hostname, path, ctx)
    return _rows(latency, throughput, queries, size)
