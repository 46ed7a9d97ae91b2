"""A real Daphne process serving the hub on the benchmark database.

Spawned (not forked) with `benchmarks.settings`, so it starts like production:
fresh interpreter, its own Django setup, its own caches. The harness process is
the client: the load comes from a second process, as the issue asks.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Daphne exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(
                    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Connection: close\r\n\r\n"
                )
                if sock.recv(64).startswith(b"HTTP/1.1"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Daphne did not answer on port {port} within {timeout} s")


@contextmanager
def daphne(*, env: dict | None = None, timeout: float = 60):
    """Yield the port of a Daphne serving hub.asgi with benchmark settings."""
    from django.db import connection

    port = free_port()
    child_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "HUB_BENCH_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    log = tempfile.TemporaryFile()
    command = [
        sys.executable,
        "-m",
        "daphne",
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "--access-log",
        os.devnull,
        "hub.asgi:application",
    ]
    process = subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
        command, cwd=ROOT, env=child_env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        try:
            _wait_ready(port, process, timeout)
        except RuntimeError as error:
            log.seek(0)
            raise RuntimeError(f"{error}\n{log.read().decode()[-2000:]}") from None
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
