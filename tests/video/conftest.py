"""Fixtures for the video room: rooms, session cookies for employees and guests,
and the channel layer (in-memory, and Redis when REDIS_URL is set)."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from hub import roles
from tests.conftest import make_user
from video import services
from video.models import Room

# The first connect of a run opens the database and the Redis pool: on a loaded CI
# machine that can take more than the communicator's default of one second.
CONNECT_TIMEOUT = 5

ORIGIN = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


@pytest.fixture(params=["memory", "redis"])
def channel_layer_backend(request, settings):
    """Run a consumer test on both layers; Redis is skipped only without REDIS_URL."""
    if request.param == "redis":
        url = os.environ.get("REDIS_URL")
        if not url:
            pytest.skip("REDIS_URL is not set")
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {
                    "hosts": [{"address": url, "socket_timeout": 15}],
                    "prefix": f"test-video-{uuid.uuid4().hex}",
                },
            }
        }
    else:
        settings.CHANNEL_LAYERS = {
            "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}
        }
    return request.param


def cookie_headers(client: Client):
    name = settings.SESSION_COOKIE_NAME
    return [(b"cookie", f"{name}={client.cookies[name].value}".encode()), *ORIGIN]


def session_headers(user):
    client = Client()
    client.force_login(user)
    return cookie_headers(client)


def guest_headers(invite_link: str, name: str = "Mme Client"):
    """Open the invite like a customer would; return the session cookie headers."""
    client = Client()
    path = urlsplit(invite_link).path
    response = client.post(path, {"name": name})
    assert response.status_code == 302, response.content
    return cookie_headers(client)


@pytest.fixture
def team_room(db):
    owner = make_user("owner", roles.STAFF)
    return services.room_create(name="Atelier", owner=owner)


@pytest.fixture
def customer_room(sales_user):
    return services.room_create(
        name="Rendez-vous Martin", owner=sales_user, kind=Room.Kind.CUSTOMER
    )


class Peer:
    """A WebsocketCommunicator with the helpers the tests need."""

    def __init__(self, communicator):
        self.ws = communicator
        self.welcome = None

    @property
    def peer_id(self):
        return self.welcome["me"]["peer_id"]

    async def send(self, message):
        await self.ws.send_json_to(message)

    async def expect(self, kind, timeout=3):
        """The next message of type `kind`, skipping presence chatter."""
        while True:
            message = await self.ws.receive_json_from(timeout=timeout)
            if message["type"] == kind:
                return message
            if message["type"] not in (
                "peer-joined",
                "peer-left",
                "lobby",
                "peer-state",
            ):
                raise AssertionError(f"expected {kind}, got {message}")

    async def expect_close(self, timeout=3):
        while True:
            output = await self.ws.receive_output(timeout=timeout)
            if output["type"] == "websocket.close":
                return output.get("code")

    async def nothing(self, timeout=0.3):
        return await self.ws.receive_nothing(timeout=timeout)

    async def close(self):
        await self.ws.disconnect()


async def join(application, path, headers):
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=CONNECT_TIMEOUT)
    peer = Peer(communicator)
    if connected:
        peer.welcome = await communicator.receive_json_from(timeout=3)
    return peer, connected, code


@pytest.fixture
def hub_app():
    from hub.asgi import application

    return application


@pytest.fixture
async def joiner(hub_app):
    """`await joiner(room, user=…)` or `headers=…`; disconnects everyone after."""
    peers = []

    async def factory(room, *, user=None, headers=None, expect_connected=True):
        if headers is None:
            headers = (
                await database_sync_to_async(session_headers)(user) if user else ORIGIN
            )
        peer, connected, code = await join(hub_app, f"/ws/video/{room.slug}/", headers)
        peers.append(peer)
        if expect_connected:
            assert connected, f"refused with {code}"
            return peer
        assert not connected
        return code

    yield factory
    for peer in peers:
        await peer.close()


@pytest.fixture(scope="session")
def janus_gateway():
    """A real Janus (Debian's package, `make janus`) on free loopback ports."""
    from .janus_server import JANUS_BIN, start_janus

    if not JANUS_BIN.exists():
        pytest.skip("Janus is not installed (/usr/bin/janus): run `make janus`")
    server = start_janus()
    yield server
    server.stop()


@pytest.fixture
def janus(janus_gateway, settings):
    """JANUS_* settings pointing at the real gateway for one test."""
    settings.JANUS_URL = janus_gateway.http_url
    settings.JANUS_PUBLIC_URL = janus_gateway.ws_url
    settings.JANUS_ADMIN_KEY = janus_gateway.admin_key
    return janus_gateway
