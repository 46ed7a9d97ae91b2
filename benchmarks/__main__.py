"""Benchmark harness: `python -m benchmarks [--quick] [--only NAME ...]`.

Each `benchmarks/bench_*.py` module exposes `run(ctx) -> list[dict]`; every result
row names the measure, its baseline measured in the same run, the ratio and the goal.
The table is printed and written to benchmarks/results/latest.json.
"""

from benchmarks.harness import main

if __name__ == "__main__":
    raise SystemExit(main())
