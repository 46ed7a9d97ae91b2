"""Live board fan-out: one lead update, N open board sockets; time until the last
socket receives the event.

Measured: `prospecting.services.lead_update` (transaction, audit, broadcast on
commit) to N `BoardConsumer` sockets of Sales users. Baseline: a bare
`group_send` of the same payload to N bare group consumers on the same layer
(the floor of fan-out on that layer). The Redis layer is the one that matters
(several Daphne workers); the in-memory layer is shown for reference.
Sockets are `WebsocketCommunicator`s over the full ASGI WebSocket stack.
"""

from __future__ import annotations

import asyncio
import time

from asgiref.sync import sync_to_async

from benchmarks.harness import measure_row, ms, ratio, summarize, unavailable_row
from benchmarks.support import (
    bench_user,
    channel_layer,
    channel_layers,
    disconnect_all,
    missing,
    session_headers,
    table_missing,
)

PAYLOAD = {"type": "lead", "action": "updated", "lead_id": 1, "stage_id": 1}


async def open_sockets(path: str, headers_list: list, count: int) -> list:
    from channels.testing import WebsocketCommunicator

    from benchmarks.asgi import websocket_application

    sockets = []
    for index in range(count):
        headers = headers_list[index % len(headers_list)]
        socket = WebsocketCommunicator(websocket_application, path, headers=headers)
        connected, code = await socket.connect(timeout=10)
        if not connected:
            raise RuntimeError(f"{path} refused with code {code}")
        sockets.append(socket)
    return sockets


async def _last_arrival(sockets: list, kind: str, trigger) -> tuple[float, float]:
    """(first, last) arrival in seconds after `trigger` starts."""

    async def wait(socket):
        while True:
            message = await socket.receive_json_from(timeout=30)
            if message.get("type") == kind:
                return time.perf_counter()

    waiters = [asyncio.create_task(wait(s)) for s in sockets]
    await asyncio.sleep(0)
    started = time.perf_counter()
    await trigger()
    arrivals = await asyncio.gather(*waiters)
    return min(arrivals) - started, max(arrivals) - started


async def measure(layer: str, size: int, repeat: int, headers, lead, user) -> list:
    from channels.layers import get_channel_layer

    from benchmarks.consumers import BARE_GROUP
    from prospecting.services import lead_update

    board = await open_sockets("/ws/war-room/", headers, size)
    bare = await open_sockets("/ws/bench/group/", headers, size)

    channels_layer = get_channel_layer()
    board_samples, bare_samples, first_board = [], [], []
    try:
        for index in range(repeat + 1):

            async def update(index=index):
                await sync_to_async(lead_update)(
                    lead=lead, by=user, next_action=f"Rappeler ({index})"
                )

            async def send():
                await channels_layer.group_send(
                    BARE_GROUP, {"type": "bare.event", "payload": PAYLOAD}
                )

            first, last = await _last_arrival(board, "lead", update)
            _first_bare, last_bare = await _last_arrival(bare, "lead", send)
            if index:  # the first round warms connections and caches
                board_samples.append(last)
                bare_samples.append(last_bare)
                first_board.append(first)
    finally:
        await disconnect_all(board + bare)
    return _rows(layer, size, board_samples, bare_samples, first_board)


def _rows(layer, size, board_samples, bare_samples, first_board) -> list[dict]:
    value, baseline = summarize(board_samples), summarize(bare_samples)
    first = summarize(first_board)
    return [
        measure_row(
            f"board fan-out to {size} sockets, last ({layer})",
            value=value,
            baseline=baseline,
            value_text=ms(value),
            baseline_text=ms(baseline),
            ratio_value=ratio(value["p50_ms"], baseline["p50_ms"]),
            goal="reported (p50, last)",
            ok=None,
            layer=layer,
            sockets=size,
            first_arrival=first,
            note=f"first socket after {first['p50_ms']:.2f} ms; "
            f"p95 last {value['p95_ms']:.2f} ms (update + commit + fan-out)",
        )
    ]


def _setup():
    from hub import roles
    from prospecting.services import lead_intake

    user = bench_user("bench-board", roles.STAFF, roles.SALES)
    headers = [session_headers(user)]
    lead = lead_intake(
        source="war_room",
        company={"name": "Grillages Fan-out SA", "website": "https://fanout.example"},
        found_by=user,
    ).lead
    return user, headers, lead


def run(ctx) -> list[dict]:
    reason = missing(
        "prospecting.consumers:BoardConsumer", "prospecting.services:lead_update"
    )
    if not reason:
        from prospecting.models import Lead

        reason = table_missing(Lead)
    if reason:
        return [unavailable_row("board fan-out", reason, "reported")]
    size = ctx.size(20, 200)
    repeat = ctx.size(5, 20)
    user, headers, lead = _setup()
    rows = []
    for layer, config in channel_layers().items():
        with channel_layer(config):
            rows.extend(asyncio.run(measure(layer, size, repeat, headers, lead, user)))
    return rows
