"""Video capacity: one publisher to N subscribers through Janus, next to the mesh.

SFU: a real Janus (Debian's package, started on free ports like the tests do); a
synthetic publisher (aiortc, VP8, a moving picture) in a child process sends ONE
stream to Janus; N aiortc subscribers in this process receive it. Reported per N:
Janus's CPU (utime+stime from /proc over the window) per subscriber, the
publisher's CPU, and whether every subscriber got at least 90 % of the frames
sent (no frame loss). The largest such N is the capacity here.

Mesh (the baseline, same run): the same publisher sends N copies itself, one
encoder and one upload per peer, as every browser does in a mesh room. Its CPU
over the SFU publisher's is the ratio. The synthetic peers run on the same two
shared cores as Janus: past a few subscribers they, not Janus, are the limit,
which the row's note says when it happens.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import secrets
import time
import urllib.request

from benchmarks.harness import measure_row, ratio, unavailable_row
from benchmarks.support import missing

WIDTH, HEIGHT, FPS = 320, 240, 30  # aiortc's VideoStreamTrack paces at 30 fps
ROOM, PIN = 4242, "bench-pin"
DELIVERY_GOAL = 0.9  # share of the sent frames each subscriber must decode
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


# --- a small async Janus HTTP client (the hub's own is synchronous) -------------


class AsyncJanus:
    def __init__(self, url: str):
        self.url = url
        self.waiting: dict[str, asyncio.Future] = {}

    def _post_sync(self, url: str, payload: dict) -> dict:
        request = urllib.request.Request(  # noqa: S310 - loopback http
            url, data=json.dumps(payload).encode(), headers={"Content-Type": "json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def _poll_sync(self) -> list:
        url = f"{self.session_url}?maxev=10"
        with urllib.request.urlopen(url, timeout=40) as response:  # noqa: S310
            events = json.loads(response.read())
        return events if isinstance(events, list) else [events]

    async def post(self, url: str, payload: dict) -> dict:
        payload = {**payload, "transaction": payload.get("transaction") or _tx()}
        return await asyncio.to_thread(self._post_sync, url, payload)

    async def start(self) -> None:
        session = (await self.post(self.url, {"janus": "create"}))["data"]["id"]
        self.session_url = f"{self.url}/{session}"
        self.poller = asyncio.create_task(self._poll())

    async def _poll(self) -> None:
        while True:
            for event in await asyncio.to_thread(self._poll_sync):
                future = self.waiting.pop(event.get("transaction"), None)
                if future and not future.done():
                    future.set_result(event)

    async def attach(self) -> str:
        answer = await self.post(
            self.session_url, {"janus": "attach", "plugin": "janus.plugin.videoroom"}
        )
        return f"{self.session_url}/{answer['data']['id']}"

    async def message(self, handle: str, body: dict, jsep=None) -> dict:
        transaction = _tx()
        future = asyncio.get_running_loop().create_future()
        self.waiting[transaction] = future
        payload = {"janus": "message", "body": body, "transaction": transaction}
        if jsep:
            payload["jsep"] = jsep
        answer = await self.post(handle, payload)
        if answer.get("janus") == "event":  # answered synchronously
            self.waiting.pop(transaction, None)
            return answer
        return await asyncio.wait_for(future, 20)

    async def request(self, handle: str, body: dict) -> dict:
        return await self.post(handle, {"janus": "message", "body": body})

    def close(self) -> None:
        self.poller.cancel()


def _tx() -> str:
    return secrets.token_hex(6)


# --- the synthetic publisher (child process) --------------------------------


def _moving_track():
    import av
    import numpy
    from aiortc import VideoStreamTrack

    class MovingBar(VideoStreamTrack):
        """A bar crossing a gradient: changes every frame, so VP8 has work."""

        sent = 0

        async def recv(self):
            pts, time_base = await self.next_timestamp()
            image = numpy.full((HEIGHT, WIDTH, 3), 40, numpy.uint8)
            x = (self.sent * 7) % WIDTH
            image[:, x : x + 24] = (240, 200, 40)
            image[:, :, 1] = numpy.arange(WIDTH, dtype=numpy.uint8)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = pts, time_base
            self.sent += 1
            return frame

    return MovingBar


def _publisher_main(conn, mode: str, janus_url: str, copies: int, feed: int) -> None:
    asyncio.run(_publish(conn, mode, janus_url, copies, feed))


async def _publish(conn, mode, janus_url, copies, feed):
    from aiortc import RTCPeerConnection, RTCSessionDescription
    from aiortc.contrib.media import MediaRelay

    track_class = _moving_track()
    source, relay = track_class(), MediaRelay()
    sources = [source]
    pcs = []
    if mode == "sfu":
        janus = AsyncJanus(janus_url)
        await janus.start()
        handle = await janus.attach()
        await janus.message(
            handle,
            {
                "request": "join",
                "ptype": "publisher",
                "room": ROOM,
                "pin": PIN,
                "id": feed,
            },
        )
        pc = RTCPeerConnection()
        pc.addTrack(relay.subscribe(source))
        await pc.setLocalDescription(await pc.createOffer())
        offer = {"type": "offer", "sdp": pc.localDescription.sdp}
        answer = await janus.message(
            handle, {"request": "configure", "audio": False, "video": True}, offer
        )
        if "jsep" not in answer:
            raise RuntimeError(f"Janus refused the publisher: {answer}")
        await pc.setRemoteDescription(RTCSessionDescription(**answer["jsep"]))
        pcs.append(pc)
        # Janus offers a feed to subscribers once its media is flowing.
        for _ in range(200):
            if pc.connectionState == "connected":
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        conn.send("published")
    else:  # mesh: one connection, one encoder, one upload per receiver
        offers = []
        for _ in range(copies):
            pc = RTCPeerConnection()
            # One capture per copy (a relayed track starved the extra copies).
            copy = source if not pcs else track_class()
            if pcs:
                sources.append(copy)
            pc.addTrack(copy)
            await pc.setLocalDescription(await pc.createOffer())
            pcs.append(pc)
            offers.append(pc.localDescription.sdp)
        conn.send(offers)
        answers = await asyncio.to_thread(conn.recv)
        for pc, sdp in zip(pcs, answers, strict=True):
            await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
    while True:
        command = await asyncio.to_thread(conn.recv)
        if command == "stop":
            break
        conn.send((min(t.sent for t in sources), time.process_time()))
    for pc in pcs:
        await pc.close()


# --- subscribers (this process) ----------------------------------------------


class Receiver:
    def __init__(self):
        from aiortc import RTCPeerConnection

        self.pc = RTCPeerConnection()
        self.frames = 0
        self.first = asyncio.Event()
        self.pc.on("track", self._on_track)

    def _on_track(self, track):
        async def count():
            while True:
                try:
                    await track.recv()
                except Exception:  # noqa: BLE001 - the track ended
                    return
                self.frames += 1
                self.first.set()

        asyncio.ensure_future(count())

    async def answer(self, sdp: str) -> str:
        from aiortc import RTCSessionDescription

        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        return self.pc.localDescription.sdp


async def _subscribe_via_janus(janus: AsyncJanus, receiver: Receiver, feed) -> None:
    handle = await janus.attach()
    attached = await janus.message(
        handle,
        {
            "request": "join",
            "ptype": "subscriber",
            "room": ROOM,
            "pin": PIN,
            "streams": [{"feed": feed}],
        },
    )
    if "jsep" not in attached:
        raise RuntimeError(f"Janus did not offer the feed: {attached}")
    sdp = await receiver.answer(attached["jsep"]["sdp"])
    await janus.message(handle, {"request": "start"}, {"type": "answer", "sdp": sdp})


async def _measure(conn, receivers, seconds, janus_pid=None) -> dict:
    try:
        await asyncio.wait_for(asyncio.gather(*(r.first.wait() for r in receivers)), 30)
    except TimeoutError:  # some peer never decoded a frame: that N failed
        starved = sum(not r.first.is_set() for r in receivers)
        return {
            "delivery": 0,
            "starved": starved,
            "publisher_cpu_pct": None,
            "janus_cpu_pct": 0,
            "sent_frames": 0,
            "worst_delivered": 0,
        }
    await asyncio.sleep(1)  # past the first key frame and the jitter buffer
    conn.send("mark")
    sent0, pub0 = await asyncio.to_thread(conn.recv)
    got0 = [r.frames for r in receivers]
    janus0 = process_cpu_s(janus_pid) if janus_pid else 0
    await asyncio.sleep(seconds)
    conn.send("mark")
    sent1, pub1 = await asyncio.to_thread(conn.recv)
    janus1 = process_cpu_s(janus_pid) if janus_pid else 0
    sent = sent1 - sent0
    delivered = min(r.frames - g for r, g in zip(receivers, got0, strict=True))
    return {
        "sent_frames": sent,
        "worst_delivered": delivered,
        "delivery": round(delivered / sent, 3) if sent else 0,
        "publisher_cpu_pct": round((pub1 - pub0) / seconds * 100, 1),
        "janus_cpu_pct": round((janus1 - janus0) / seconds * 100, 1),
    }


async def _run_case(mode, n, seconds, janus, feed=0):
    parent, child = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_publisher_main,
        args=(child, mode, janus.http_url if janus else "", n, feed),
    )
    process.start()
    receivers = [Receiver() for _ in range(n)]
    client = None
    try:
        if mode == "sfu":
            assert await asyncio.to_thread(parent.recv) == "published"
            client = AsyncJanus(janus.http_url)
            await client.start()
            for receiver in receivers:
                await _subscribe_via_janus(client, receiver, feed)
        else:
            offers = await asyncio.to_thread(parent.recv)
            parent.send(
                [await r.answer(o) for r, o in zip(receivers, offers, strict=True)]
            )
        return await _measure(
            parent, receivers, seconds, janus.process.pid if janus else None
        )
    finally:
        parent.send("stop")
        process.join(timeout=15)
        if process.is_alive():
            process.kill()
        for receiver in receivers:
            await receiver.pc.close()
        if client:
            client.close()


async def _create_room(janus) -> None:
    client = AsyncJanus(janus.http_url)
    await client.start()
    handle = await client.attach()
    await client.request(
        handle,
        {
            "request": "create",
            "room": ROOM,
            "pin": PIN,
            "admin_key": janus.admin_key,
            "publishers": 4,
            "videocodec": "vp8",
            "bitrate": 600_000,
        },
    )
    client.close()


def _sfu_row(n, sfu, mesh) -> dict:
    ok = sfu["delivery"] >= DELIVERY_GOAL
    per_sub = round(sfu["janus_cpu_pct"] / n, 2)
    mesh_cpu = mesh["publisher_cpu_pct"]
    return measure_row(
        f"sfu: 1 publisher → {n} subscribers",
        value={**sfu, "janus_cpu_pct_per_subscriber": per_sub},
        baseline=mesh,
        value_text=(
            f"Janus {sfu['janus_cpu_pct']}% CPU ({per_sub}%/sub), publisher "
            f"{sfu['publisher_cpu_pct']}%, delivery {sfu['delivery']:.0%}"
        ),
        baseline_text=(
            f"mesh publisher {mesh_cpu}% CPU for {n} copies, "
            f"delivery {mesh['delivery']:.0%}"
        ),
        ratio_value=ratio(mesh_cpu, sfu["publisher_cpu_pct"]),
        goal=f"every subscriber ≥ {DELIVERY_GOAL:.0%} of frames",
        ok=ok,
        subscribers=n,
    )


def run(ctx) -> list[dict]:
    reason = missing("aiortc", "av", "numpy")
    if reason:
        return [
            unavailable_row(
                "sfu: 1 publisher → N", f"pip install '.[bench]' ({reason})"
            )
        ]
    from tests.video.janus_server import JANUS_BIN, start_janus

    if not JANUS_BIN.exists():
        return [unavailable_row("sfu: 1 publisher → N", "Janus missing: make janus")]
    sizes = [1, 2] if ctx.quick else [1, 2, 4, 8]
    seconds = ctx.size(3, 8)
    janus = start_janus()
    rows, capacity = [], 0
    try:
        asyncio.run(_create_room(janus))
        for n in sizes:
            # A fresh publisher id per case: the last one may linger in Janus.
            sfu = asyncio.run(_run_case("sfu", n, seconds, janus, feed=100 + n))
            mesh = asyncio.run(_run_case("mesh", n, seconds, None))
            rows.append(_sfu_row(n, sfu, mesh))
            if rows[-1]["ok"]:
                capacity = n
            else:
                break
    finally:
        janus.stop()
    ctx.notes.append(
        f"sfu: largest N with no frame loss here: {capacity} (of {sizes}); "
        f"{WIDTH}x{HEIGHT} VP8 at {FPS} fps, synthetic aiortc peers on the same cores"
    )
    return rows
