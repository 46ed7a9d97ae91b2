"""Signaling relay: the video consumer vs a bare Channels relay, per channel layer.

1. One hop: peer A sends an offer to peer B; time until B's socket receives it.
   Video and bare samples are interleaved so machine noise hits both alike.
2. Load: rooms × peers; in each room ICE candidates circulate as tokens around a
   ring (each receipt is forwarded to the next peer), peers/2 tokens per room, for
   a fixed duration: received messages per second and p95 of the hop latency.

Sockets are `WebsocketCommunicator`s over the full ASGI WebSocket stack (origin
check, session auth, URL routing) in this process; the channel layer is real
(Redis round trips when Redis is used). TCP framing is not measured here.
"""

from __future__ import annotations

import asyncio
import time

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

GOAL = 1.3
SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" * 20


def offer(to: str) -> dict:
    return {"type": "offer", "to": to, "description": {"type": "offer", "sdp": SDP}}


def candidate(to: str) -> dict:
    line = (
        f"candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host ts {time.perf_counter()}"
    )
    return {
        "type": "ice-candidate",
        "to": to,
        "candidate": {
            "candidate": line,
            "sdpMid": "0",
            "sdpMLineIndex": 0,
            "usernameFragment": "bench",
        },
    }


class Peer:
    """One socket and the id other peers address it by."""

    def __init__(self, communicator, peer_id: str):
        self.communicator = communicator
        self.peer_id = peer_id

    async def receive(self, kind: str) -> dict:
        while True:
            message = await self.communicator.receive_json_from(timeout=10)
            if message.get("type") == kind:
                return message


async def _connect(path: str, headers) -> tuple:
    from channels.testing import WebsocketCommunicator

    from benchmarks.asgi import websocket_application

    communicator = WebsocketCommunicator(websocket_application, path, headers=headers)
    connected, code = await communicator.connect(timeout=10)
    if not connected:
        raise RuntimeError(f"socket {path} refused with code {code}")
    welcome = await communicator.receive_json_from(timeout=10)
    return communicator, welcome


async def video_peers(room_slug: str, headers: list) -> list[Peer]:
    peers = []
    for peer_headers in headers:
        communicator, welcome = await _connect(f"/ws/video/{room_slug}/", peer_headers)
        if welcome.get("state") != "in_call":
            raise RuntimeError(f"video peer not in the call: {welcome}")
        peers.append(Peer(communicator, welcome["me"]["peer_id"]))
    return peers


async def bare_peers(count: int, headers: list) -> list[Peer]:
    peers = []
    for peer_headers in headers[:count]:
        communicator, welcome = await _connect("/ws/bench/relay/", peer_headers)
        peers.append(Peer(communicator, welcome["me"]))
    return peers


async def close(peers: list[Peer]) -> None:
    await disconnect_all([peer.communicator for peer in peers])


async def hop(sender: Peer, receiver: Peer) -> float:
    started = time.perf_counter()
    await sender.communicator.send_json_to(offer(receiver.peer_id))
    await receiver.receive("offer")
    return time.perf_counter() - started


async def one_hop(room_slug: str, headers: list, repeat: int) -> tuple[list, list]:
    video = await video_peers(room_slug, headers[:2])
    bare = await bare_peers(2, headers)
    video_samples, bare_samples = [], []
    try:
        for index in range(repeat + 5):
            v = await hop(video[0], video[1])
            b = await hop(bare[0], bare[1])
            if index >= 5:  # the first hops fill the peer-channel cache
                video_samples.append(v)
                bare_samples.append(b)
    finally:
        await close(video + bare)
    return video_samples, bare_samples


async def _ring_peer(peer: Peer, target: str, samples: list) -> None:
    while True:
        message = await peer.communicator.receive_json_from(timeout=60)
        if message.get("type") != "ice-candidate":
            continue
        sent = float(message["candidate"]["candidate"].rsplit(" ", 1)[1])
        samples.append(time.perf_counter() - sent)
        await peer.communicator.send_json_to(candidate(target))


async def warm_up(rooms: list[list[Peer]]) -> None:
    """Each peer sends one offer to its ring neighbour first: the video consumer
    looks a target peer up in the database once, then caches its channel; the
    timed ring measures the steady state, as in a call after the first offer."""
    for peers in rooms:
        for index, peer in enumerate(peers):
            await peer.communicator.send_json_to(
                offer(peers[(index + 1) % len(peers)].peer_id)
            )
    for peers in rooms:
        for peer in peers:
            await peer.receive("offer")


async def ring_load(rooms: list[list[Peer]], duration: float) -> tuple[list, float]:
    await warm_up(rooms)
    samples: list[float] = []
    tasks = []
    for peers in rooms:
        for index, peer in enumerate(peers):
            target = peers[(index + 1) % len(peers)].peer_id
            tasks.append(asyncio.create_task(_ring_peer(peer, target, samples)))
        for index in range(0, len(peers), 2):  # peers/2 tokens per room
            target = peers[(index + 1) % len(peers)].peer_id
            await peers[index].communicator.send_json_to(candidate(target))
    started = time.perf_counter()
    await asyncio.sleep(duration)
    count = len(samples)
    wall = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failures = [r for r in results if not isinstance(r, asyncio.CancelledError)]
    if failures:
        raise RuntimeError(f"ring peer failed: {failures[0]!r}")
    return samples[:count], wall


async def load(slugs: list[str], headers: list, duration: float, kind: str):
    rooms = []
    try:
        for slug in slugs:
            if kind == "video":
                rooms.append(await video_peers(slug, headers))
            else:
                rooms.append(await bare_peers(len(headers), headers))
        return await ring_load(rooms, duration)
    finally:
        await close([peer for peers in rooms for peer in peers])


def _setup(room_count: int, peer_count: int):
    from hub import roles
    from video.services import room_create

    users = [bench_user(f"bench-peer{i}", roles.STAFF) for i in range(peer_count)]
    headers = [session_headers(user) for user in users]
    slugs = []
    for index in range(room_count + 1):
        room = room_create(
            name=f"Bench {index}", owner=users[0], max_participants=max(peer_count, 2)
        )
        slugs.append(room.slug)
    return headers, slugs


def _hop_row(layer: str, video: list, bare: list) -> dict:
    v, b = summarize(video), summarize(bare)
    r = ratio(v["p50_ms"], b["p50_ms"])
    return measure_row(
        f"signaling one hop p50 ({layer})",
        value=v,
        baseline=b,
        value_text=ms(v),
        baseline_text=ms(b),
        ratio_value=r,
        goal=f"≤ {GOAL}× bare relay",
        ok=r is not None and r <= GOAL,
        layer=layer,
    )


def _load_rows(layer, sizes, video, bare) -> list[dict]:
    (v_samples, v_wall), (b_samples, b_wall) = video, bare
    v, b = summarize(v_samples, v_wall), summarize(b_samples, b_wall)
    p95 = ratio(v["p95_ms"], b["p95_ms"])
    throughput = ratio(b["per_s"], v["per_s"])  # > 1 when video is slower
    label = f"{sizes[0]}×{sizes[1]}, {sizes[2]:g} s"
    return [
        measure_row(
            f"signaling load msg/s ({layer}, {label})",
            value=v,
            baseline=b,
            value_text=f"{v['per_s']:.0f}/s",
            baseline_text=f"{b['per_s']:.0f}/s",
            ratio_value=throughput,
            goal=f"bare/video ≤ {GOAL}",
            ok=throughput is not None and throughput <= GOAL,
            layer=layer,
            rooms=sizes[0],
            peers=sizes[1],
            duration_s=sizes[2],
        ),
        measure_row(
            f"signaling load p95 ({layer}, {label})",
            value=v,
            baseline=b,
            value_text=ms(v, "p95_ms"),
            baseline_text=ms(b, "p95_ms"),
            ratio_value=p95,
            goal=f"≤ {GOAL}× bare relay",
            ok=p95 is not None and p95 <= GOAL,
            layer=layer,
        ),
    ]


def run(ctx) -> list[dict]:
    reason = missing("video.consumers:RoomConsumer", "video.services:room_create")
    if not reason:
        from video.models import Participant, Room

        reason = table_missing(Room, Participant)
    if reason:
        return [unavailable_row("signaling relay", reason, f"≤ {GOAL}× bare relay")]
    room_count = ctx.size(5, 50)
    peer_count = ctx.size(3, 6)
    duration = ctx.size(3, 30)
    headers, slugs = _setup(room_count, peer_count)
    sizes = (room_count, peer_count, duration)
    rows = []
    for layer, config in channel_layers().items():
        with channel_layer(config):
            rows.extend(asyncio.run(_measure(layer, slugs, headers, sizes, ctx)))
    return rows


async def _measure(layer, slugs, headers, sizes, ctx) -> list[dict]:
    video, bare = await one_hop(slugs[0], headers, ctx.size(50, 300))
    duration = sizes[2]
    video_load = await load(slugs[1:], headers, duration, "video")
    bare_load = await load(slugs[1:], headers, duration, "bare")
    return [
        _hop_row(layer, video, bare),
        *_load_rows(layer, sizes, video_load, bare_load),
    ]
