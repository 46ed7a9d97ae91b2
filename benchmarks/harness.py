from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Context:
    quick: bool

    def size(self, quick: int, full: int) -> int:
        return quick if self.quick else full


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarize(samples_s: list[float]) -> dict:
    """p50/p95 in milliseconds and throughput per second for per-op timings."""
    return {
        "p50_ms": round(percentile(samples_s, 50) * 1000, 3),
        "p95_ms": round(percentile(samples_s, 95) * 1000, 3),
        "mean_ms": round(statistics.fmean(samples_s) * 1000, 3) if samples_s else 0,
        "per_s": round(len(samples_s) / sum(samples_s), 1) if sum(samples_s) else 0,
        "n": len(samples_s),
    }


def timed(func, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return samples


def discover() -> list[str]:
    package = Path(__file__).resolve().parent
    return sorted(
        m.name
        for m in pkgutil.iter_modules([str(package)])
        if m.name.startswith("bench_")
    )


def machine_info() -> dict:
    from django.conf import settings
    from django.db import connection

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "database": connection.vendor,
        "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    }


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'measure':<44} {'value':>14} {'baseline':>14} {'ratio':>7}  {'goal':<18} ok"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ok = {True: "yes", False: "NO", None: "-"}[row.get("ok")]
        print(
            f"{row['name']:<44} {row.get('value_text', ''):>14} "
            f"{row.get('baseline_text', ''):>14} {row.get('ratio', ''):>7}  "
            f"{row.get('goal', ''):<18} {ok}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke)")
    parser.add_argument("--only", nargs="*", help="module names, e.g. bench_http")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    from benchmarks.environment import bench_environment

    ctx = Context(quick=args.quick)
    rows: list[dict] = []
    with bench_environment():
        info = machine_info()
        for name in discover():
            if args.only and name not in args.only:
                continue
            module = importlib.import_module(f"benchmarks.{name}")
            print(f"… {name}", file=sys.stderr)
            rows.extend(module.run(ctx))
    print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps({"quick": args.quick, "machine": info, "results": rows}, indent=2)
    )
    failed = [r["name"] for r in rows if r.get("ok") is False and not args.quick]
    if failed:
        print(f"\nGoals missed: {', '.join(failed)}")
    return 0
