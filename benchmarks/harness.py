"""The harness: discovery, timing helpers, result rows, the table and latest.json.

A benchmark module `benchmarks/bench_<name>.py` exposes `run(ctx) -> list[dict]`.
Rows are built with `measure_row` (a figure next to its baseline and goal) or
`unavailable_row` (the measured module has not landed: the run goes on). An
exception inside a module becomes an `error` row and makes the run exit non-zero,
so CI notices a broken harness; a missed goal is only reported.
"""

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
import traceback
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Context:
    quick: bool
    notes: list[str] = field(default_factory=list)

    def size(self, quick: int, full: int) -> int:
        return quick if self.quick else full


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarize(samples_s: list[float], wall_s: float | None = None) -> dict:
    """p50/p95 in milliseconds and throughput per second for per-op timings.

    `wall_s` is the elapsed time of a concurrent run: throughput is then the
    number of operations over the wall clock, not over the sum of latencies.
    """
    total = wall_s if wall_s is not None else sum(samples_s)
    return {
        "p50_ms": round(percentile(samples_s, 50) * 1000, 3),
        "p95_ms": round(percentile(samples_s, 95) * 1000, 3),
        "mean_ms": round(statistics.fmean(samples_s) * 1000, 3) if samples_s else 0,
        "per_s": round(len(samples_s) / total, 1) if total else 0,
        "n": len(samples_s),
    }


def timed(func, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return samples


def ratio(value: float | None, baseline: float | None) -> float | None:
    if not value or not baseline:
        return None
    return round(value / baseline, 2)


def measure_row(
    name: str,
    *,
    value: dict,
    baseline: dict | None,
    value_text: str,
    baseline_text: str = "",
    ratio_value: float | None = None,
    goal: str = "reported",
    ok: bool | None = None,
    **extra,
) -> dict:
    """One line of the table; `extra` (sizes, queries, setup time…) goes to JSON."""
    return {
        "name": name,
        "value": value,
        "baseline": baseline,
        "value_text": value_text,
        "baseline_text": baseline_text,
        "ratio": ratio_value,
        "goal": goal,
        "ok": ok,
        **extra,
    }


def unavailable_row(name: str, reason: str, goal: str = "") -> dict:
    return {
        "name": name,
        "value": None,
        "baseline": None,
        "value_text": "n/a",
        "baseline_text": "",
        "ratio": None,
        "goal": goal,
        "ok": None,
        "status": "unavailable",
        "note": f"not available yet: {reason}",
    }


def error_row(module: str, error: BaseException) -> dict:
    return {
        "name": f"{module} (harness error)",
        "value": None,
        "baseline": None,
        "value_text": "ERROR",
        "baseline_text": "",
        "ratio": None,
        "goal": "runs",
        "ok": False,
        "status": "error",
        "note": f"{type(error).__name__}: {error}",
        "traceback": traceback.format_exc(),
    }


def ms(summary: dict, key: str = "p50_ms") -> str:
    return f"{summary[key]:.2f} ms"


# Modules run in this order (others after, by name): seeding first, so the page
# benchmark serves one of the 80 seeded sites; the big wiki generation last.
ORDER = ("bench_seeding", "bench_microsite_page")
LAST = ("bench_wiki_search",)


def discover() -> list[str]:
    package = Path(__file__).resolve().parent
    names = [
        m.name
        for m in pkgutil.iter_modules([str(package)])
        if m.name.startswith("bench_")
    ]

    def position(name):
        if name in ORDER:
            return (0, ORDER.index(name), name)
        return (2 if name in LAST else 1, 0, name)

    return sorted(names, key=position)


def machine_info() -> dict:
    from django.conf import settings
    from django.db import connection

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "database": connection.vendor,
        "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
        "cache": settings.CACHES["default"]["BACKEND"],
    }


def print_table(rows: list[dict], stream=None) -> None:
    stream = stream or sys.stdout
    header = (
        f"{'measure':<46} {'value':>15} {'baseline':>15} {'ratio':>6}  {'goal':<22} ok"
    )
    print(header, file=stream)
    print("-" * len(header), file=stream)
    for row in rows:
        ok = {True: "yes", False: "NO", None: "-"}[row.get("ok")]
        ratio_text = "" if row.get("ratio") is None else f"{row['ratio']:.2f}"
        print(
            f"{row['name'][:46]:<46} {row.get('value_text', ''):>15} "
            f"{row.get('baseline_text', ''):>15} {ratio_text:>6}  "
            f"{row.get('goal', ''):<22} {ok}",
            file=stream,
        )
        if row.get("note"):
            print(f"    {row['note']}", file=stream)


def _wanted(name: str, only: list[str] | None) -> bool:
    if not only:
        return True
    return name in only or name.removeprefix("bench_") in only


def run_modules(ctx: Context, only: list[str] | None) -> list[dict]:
    rows: list[dict] = []
    for name in discover():
        if not _wanted(name, only):
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            module_rows = module.run(ctx)
        except Exception as error:  # noqa: BLE001 - reported as a failed row
            module_rows = [error_row(name, error)]
            print(module_rows[0]["traceback"], file=sys.stderr)
        for row in module_rows:
            row.setdefault("module", name)
        rows.extend(module_rows)
        print(
            f"  {name} done in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke)")
    parser.add_argument(
        "--only", nargs="*", help="module names, e.g. bench_http or wiki_search"
    )
    parser.add_argument(
        "--output", default=str(RESULTS / "latest.json"), help="JSON results path"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    from benchmarks.environment import bench_environment

    ctx = Context(quick=args.quick)
    started = time.perf_counter()
    rows: list[dict] = []
    info = {"database": "?", "channel_layer": "?"}
    try:
        with bench_environment():
            info = machine_info()
            rows = run_modules(ctx, args.only)
    except Exception as error:  # noqa: BLE001 - setup/teardown broke: say so
        rows.append(error_row("environment", error))
        print(rows[-1]["traceback"], file=sys.stderr)
    info["total_s"] = round(time.perf_counter() - started, 1)
    print_table(rows)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {"quick": args.quick, "machine": info, "results": rows},
            indent=2,
            default=str,
        )
    )
    print(
        f"\n{info['database']}, {info['channel_layer'].rsplit('.', 1)[-1]}, "
        f"{info['total_s']} s — written to {output}"
    )
    missed = [
        r["name"] for r in rows if r.get("ok") is False and r.get("status") != "error"
    ]
    if missed:
        print(f"Goals missed: {', '.join(missed)}")
    errors = [r["name"] for r in rows if r.get("status") == "error"]
    if errors:
        print(f"Harness errors: {', '.join(errors)}", file=sys.stderr)
        return 1
    return 0
