"""In-process request cost of the staff home vs a minimal Django view (no network).

The load test over Daphne lives in bench_microsite_page; this one isolates Django +
Wagtail overhead per request of a logged-in staff page, queries included.
"""

from benchmarks.harness import measure_row, ms, ratio, summarize, timed


def run(ctx):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.support import bench_user
    from hub import roles

    client = Client()
    client.force_login(bench_user("bench-staff", roles.STAFF))
    repeat = ctx.size(30, 300)
    client.get("/")  # warm caches and templates
    home = summarize(timed(lambda: client.get("/"), repeat))
    baseline = summarize(timed(lambda: client.get("/healthz"), repeat))
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return [
        measure_row(
            "staff home p50 (in-process)",
            value=home,
            baseline=baseline,
            value_text=ms(home),
            baseline_text=ms(baseline),
            ratio_value=ratio(home["p50_ms"], baseline["p50_ms"]),
            goal="reported",
            ok=None,
            queries=len(queries),
            note=f"{len(queries)} SQL queries; baseline /healthz",
        )
    ]
