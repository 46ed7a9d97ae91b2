import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from hub.asgi import application
from hub.services import notify

# The first connect of a run opens the database and the Redis pool: on a loaded CI
# machine that can take more than the communicator's default of one second.
CONNECT_TIMEOUT = 5


def session_headers(user):
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    cookie = f"{name}={client.cookies[name].value}"
    return [
        (b"cookie", cookie.encode()),
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
    ]


@pytest.mark.django_db(transaction=True)
async def test_authenticated_ping_round_trip_through_the_asgi_stack(staff_user):
    headers = await database_sync_to_async(session_headers)(staff_user)
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=headers
    )
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert connected
    await communicator.send_json_to({"type": "ping", "echo": "bonjour"})
    reply = await communicator.receive_json_from()
    assert reply == {"type": "pong", "echo": "bonjour", "user": "staff"}
    await communicator.send_to(text_data="{not json")
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_to(text_data="x" * 10_000)
    assert (await communicator.receive_json_from())["error"] == "message too large"
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_anonymous_socket_is_refused_with_4401():
    communicator = WebsocketCommunicator(
        application,
        "/ws/notifications/",
        headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
    )
    connected, code = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert not connected
    assert code == 4401
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_foreign_origin_is_refused(staff_user):
    headers = await database_sync_to_async(session_headers)(staff_user)
    headers = [h for h in headers if h[0] != b"origin"] + [
        (b"origin", b"http://evil.example")
    ]
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=headers
    )
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert not connected
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_notification_is_pushed_live_after_commit(staff_user, editor_user):
    headers = await database_sync_to_async(session_headers)(staff_user)
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=headers
    )
    assert (await communicator.connect(timeout=CONNECT_TIMEOUT))[0]
    await database_sync_to_async(notify)(
        users=[staff_user],
        verb="a publié",
        target_label="Panneau rigide",
        target_url="/wiki/panneau/",
        actor=editor_user,
    )
    event = await communicator.receive_json_from(timeout=3)
    assert event["type"] == "notification"
    assert event["target_label"] == "Panneau rigide"
    await communicator.disconnect()
