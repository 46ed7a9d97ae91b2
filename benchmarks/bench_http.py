"""In-process request cost of the staff home vs a minimal Django view (no network).

The load test over Daphne lives in bench_pages (issue 8); this one isolates Django +
Wagtail overhead per request, queries included.
"""

from benchmarks.harness import summarize, timed


def run(ctx):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    make_user("bench", "Staff")
    client = Client()
    client.force_login(make_user("bench2", "Staff"))
    repeat = ctx.size(30, 300)
    client.get("/")  # warm caches and templates
    home = summarize(timed(lambda: client.get("/"), repeat))
    baseline = summarize(timed(lambda: client.get("/healthz"), repeat))
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    ratio = (
        round(home["p50_ms"] / baseline["p50_ms"], 2) if baseline["p50_ms"] else None
    )
    return [
        {
            "name": "staff home p50 (in-process)",
            "value": home,
            "baseline": baseline,
            "value_text": f"{home['p50_ms']} ms",
            "baseline_text": f"{baseline['p50_ms']} ms",
            "ratio": ratio,
            "goal": "reported",
            "ok": None,
            "queries": len(queries),
        }
    ]
