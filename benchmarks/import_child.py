"""One import in a fresh process: `python -m benchmarks.import_child MODE CSV USER_ID`.

Peak RSS only means something per process (a process's RSS never shrinks back), so
each size and each mode (hub import or raw bulk_create) runs in its own child on
the benchmark database; it prints one JSON line: seconds, counts, peak RSS, and
the SQL statements it sent (counted by an execute wrapper, which costs nothing
next to a statement).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main(mode: str, csv_path: str, user_id: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from benchmarks import bench_lead_import
    from benchmarks.support import peak_rss_mb, rss_mb

    user = get_user_model().objects.get(pk=int(user_id))
    func = {
        "hub": bench_lead_import.hub_import,
        "raw": bench_lead_import.raw_bulk_create,
    }[mode]
    before = rss_mb()
    counter = StatementCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        counts = func(Path(csv_path), user)
    return {
        "seconds": time.perf_counter() - started,
        "counts": counts,
        "queries": counter.count,
        "start_rss_mb": before,
        "peak_rss_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
