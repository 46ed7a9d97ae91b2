"""WebSocket messages of the wrong type, size or target, on every socket route:
each gets an error frame and the connection stays usable (a ping still pongs);
nothing reaches another room."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from .conftest import session_cookie_headers

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_FRAMES = [
    {"bytes_data": b"\x00\x01binary"},
    {"text_data": "{not json"},
    {"text_data": "[]"},
    {"text_data": '"ping"'},
    {"text_data": "null"},
    {"text_data": "{}"},
    {"text_data": json.dumps({"type": 1})},
    {"text_data": json.dumps({"type": ["ping"]})},
    {"text_data": json.dumps({"type": "__init__"})},
    {"text_data": json.dumps({"type": "receive_json"})},
    {"text_data": json.dumps({"type": "<script>alert(1)</script>"})},
    {"text_data": "[" * 2000 + "]" * 2000},  # under every size limit, too deep
    {"text_data": json.dumps({"type": "ping", "pad": "x" * 200_000})},
]


async def _connect(path, headers):
    communicator = WebsocketCommunicator(
        __import__("hub.asgi", fromlist=["application"]).application,
        path,
        headers=headers,
    )
    connected, code = await communicator.connect(timeout=3)
    assert connected, code
    return communicator


async def _next_error(communicator):
    """The next error frame, skipping presence chatter (video)."""
    for _ in range(10):
        message = await communicator.receive_json_from(timeout=3)
        if message.get("type") == "error":
            return message
    raise AssertionError("no error frame")


async def _still_answers_ping(communicator):
    await communicator.send_json_to({"type": "ping"})
    for _ in range(10):
        message = await communicator.receive_json_from(timeout=3)
        if message.get("type") == "pong":
            return True
    return False


@pytest.mark.parametrize("route", ["notifications", "war-room", "video"])
async def test_every_socket_survives_hostile_frames(world, route):
    headers = await database_sync_to_async(
        lambda: session_cookie_headers(world.client("sales"))
    )()
    path = {
        "notifications": "/ws/notifications/",
        "war-room": "/ws/war-room/",
        "video": f"/ws/video/{world.customer_room.slug}/",
    }[route]
    communicator = await _connect(path, headers)
    if route == "video":
        await communicator.receive_json_from(timeout=3)  # welcome
    for frame in HOSTILE_FRAMES:
        await communicator.send_to(**frame)
        error = await _next_error(communicator)
        assert error["type"] == "error", frame
    assert await _still_answers_ping(communicator)
    await communicator.disconnect()


async def test_video_signals_to_wrong_targets_are_refused(world):
    """Offers to a peer that is not in the room (or is in another room), oversized
    chat and bad media state: error frames, nothing delivered elsewhere."""
    sales_headers, admin_headers = await database_sync_to_async(
        lambda: (
            session_cookie_headers(world.client("sales")),
            session_cookie_headers(world.client("admin")),
        )
    )()
    host = await _connect(f"/ws/video/{world.customer_room.slug}/", sales_headers)
    await host.receive_json_from(timeout=3)
    other = await _connect(f"/ws/video/{world.team_room.slug}/", admin_headers)
    welcome = await other.receive_json_from(timeout=3)
    stranger = welcome["me"]["peer_id"]
    sdp = {"type": "offer", "sdp": "v=0"}
    bad = [
        {"type": "offer", "to": stranger, "description": sdp},  # another room
        {"type": "offer", "to": "0" * 16, "description": sdp},  # nobody
        {"type": "offer", "to": "../../etc", "description": sdp},
        {
            "type": "offer",
            "to": stranger,
            "description": {"type": "offer", "sdp": "x" * 70_000},
        },
        {"type": "chat", "text": "x" * 5000},
        {"type": "chat", "text": 42},
        {"type": "media", "audio": "loud"},
        {"type": "admit", "peer_id": stranger},
        {"type": "remove", "peer_id": stranger},
    ]
    for message in bad:
        await host.send_json_to(message)
        error = await _next_error(host)
        assert error["code"], message
    assert await other.receive_nothing(timeout=0.3)  # nothing crossed rooms
    assert await _still_answers_ping(host)
    await host.disconnect()
    await other.disconnect()
