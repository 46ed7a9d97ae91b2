"""A bounded asyncio HTTP/1.1 load client (no dependency; `wrk` is not required).

`concurrency` keep-alive connections issue `requests` GETs in total, each connection
one request at a time (closed loop), so latency is what one user waits and
throughput is what the server sustains at that concurrency. Every response's status
and length are checked: a fast 500 must not pass for a fast page.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    body_sizes: set[int] = field(default_factory=set)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed by server")
    status = int(status_line.split(b" ", 2)[1])
    length = None
    chunked = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _sep, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        return status, await _read_chunked(reader)
    return status, await reader.readexactly(length or 0)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readline()
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readline()


def build_request(path: str, host: str, headers: dict | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _worker(port, raw, budget, result, expect_status):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while budget[0] > 0:
            budget[0] -= 1
            started = time.perf_counter()
            writer.write(raw)
            await writer.drain()
            status, body = await _read_response(reader)
            result.latencies.append(time.perf_counter() - started)
            result.body_sizes.add(len(body))
            if status != expect_status:
                result.errors.append(f"HTTP {status}")
    except (ConnectionError, asyncio.IncompleteReadError) as error:
        result.errors.append(repr(error))
    finally:
        writer.close()


async def _load(port, raw, concurrency, requests, expect_status) -> LoadResult:
    result = LoadResult()
    budget = [requests]
    started = time.perf_counter()
    await asyncio.gather(
        *(_worker(port, raw, budget, result, expect_status) for _ in range(concurrency))
    )
    result.wall_s = time.perf_counter() - started
    return result


def load(
    port: int,
    path: str,
    *,
    host: str,
    requests: int,
    concurrency: int = 1,
    headers: dict | None = None,
    expect_status: int = 200,
) -> LoadResult:
    raw = build_request(path, host, headers)
    return asyncio.run(_load(port, raw, concurrency, requests, expect_status))


def fetch(port: int, path: str, *, host: str, headers: dict | None = None):
    """One request: (status, body). Used to capture the bytes the baseline serves."""

    async def one():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(build_request(path, host, headers))
            await writer.drain()
            return await _read_response(reader)
        finally:
            writer.close()

    return asyncio.run(one())
