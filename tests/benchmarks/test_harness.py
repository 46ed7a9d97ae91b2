"""Smoke tests of the benchmark harness: rows, exit codes, the HTTP load client,
and every benchmark module's "not available yet" path. Cheap: no benchmark
actually runs here (CI runs `make bench QUICK=1` for that)."""

import importlib
import json
import sys
import threading
import types
from contextlib import nullcontext
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks import harness, loadgen

BENCH_MODULES = [
    "bench_board_fanout",
    "bench_lead_import",
    "bench_microsite_page",
    "bench_seeding",
    "bench_signaling",
    "bench_wiki_search",
]


def test_percentile_and_summarize():
    samples = [0.001 * n for n in range(1, 101)]
    summary = harness.summarize(samples)
    assert summary["p50_ms"] == pytest.approx(50, abs=1)
    assert summary["p95_ms"] == pytest.approx(95, abs=1)
    assert summary["n"] == 100
    concurrent = harness.summarize(samples, wall_s=1.0)
    assert concurrent["per_s"] == 100.0
    assert harness.summarize([]) == {
        "p50_ms": 0.0,
        "p95_ms": 0.0,
        "mean_ms": 0,
        "per_s": 0,
        "n": 0,
    }


def test_ratio_refuses_missing_figures():
    assert harness.ratio(3.0, 2.0) == 1.5
    assert harness.ratio(3.0, 0) is None
    assert harness.ratio(None, 2.0) is None


def test_discover_runs_seeding_first_and_wiki_last():
    names = harness.discover()
    assert names[0] == "bench_seeding"
    assert names[1] == "bench_microsite_page"
    assert names[-1] == "bench_wiki_search"
    assert set(BENCH_MODULES) <= set(names)


def _fake_module(monkeypatch, name, run):
    module = types.ModuleType(f"benchmarks.{name}")
    module.run = run
    monkeypatch.setitem(sys.modules, f"benchmarks.{name}", module)
    monkeypatch.setattr(harness, "discover", lambda: [name])


def _boom(ctx):
    raise ValueError("broken module")


def test_an_exception_in_a_module_becomes_an_error_row(monkeypatch):
    _fake_module(monkeypatch, "bench_boom", _boom)
    rows = harness.run_modules(harness.Context(quick=True), None)
    assert [r["status"] for r in rows] == ["error"]
    assert rows[0]["ok"] is False
    assert "ValueError: broken module" in rows[0]["note"]


@pytest.mark.parametrize(
    ("run", "expected_code"),
    [
        (_boom, 1),
        (lambda ctx: [harness.unavailable_row("thing", "thing.module", "≤ 2×")], 0),
        (
            lambda ctx: [
                harness.measure_row(
                    "slow", value={}, baseline={}, value_text="9", ok=False
                )
            ],
            0,  # a missed goal is reported, never fatal
        ),
    ],
)
def test_main_exit_code_and_json(monkeypatch, tmp_path, capsys, run, expected_code):
    import benchmarks.environment

    _fake_module(monkeypatch, "bench_fake", run)
    monkeypatch.setattr(benchmarks.environment, "bench_environment", nullcontext)
    output = tmp_path / "latest.json"
    code = harness.main(["--quick", "--output", str(output)])
    assert code == expected_code
    data = json.loads(output.read_text())
    assert data["quick"] is True
    assert data["machine"]["cpus"] >= 1
    assert len(data["results"]) == 1
    assert "measure" in capsys.readouterr().out


@pytest.mark.parametrize("name", BENCH_MODULES)
def test_each_benchmark_reports_unavailable_when_its_app_is_missing(monkeypatch, name):
    module = importlib.import_module(f"benchmarks.{name}")
    monkeypatch.setattr(module, "missing", lambda *r: "app.module (not landed)")
    rows = module.run(harness.Context(quick=True))
    assert len(rows) == 1
    assert rows[0]["status"] == "unavailable"
    assert rows[0]["note"].startswith("not available yet")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        status = 500 if self.path == "/fail" else 200
        body = b"x" * 1234
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_load_client_counts_every_request_and_checks_status(http_port):
    result = loadgen.load(
        http_port, "/", host="x.localhost", requests=40, concurrency=4
    )
    assert len(result.latencies) == 40
    assert result.errors == []
    assert result.body_sizes == {1234}
    failing = loadgen.load(http_port, "/fail", host="x.localhost", requests=5)
    assert failing.errors == ["HTTP 500"] * 5
    assert loadgen.fetch(http_port, "/", host="x.localhost") == (200, b"x" * 1234)
