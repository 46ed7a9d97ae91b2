import os

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings

from hub.asgi import application
from prospecting import services
from tests.hub.test_websocket import session_headers

from .factories import make_lead

LAYERS = {
    "memory": {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
}
if os.environ.get("REDIS_URL"):
    LAYERS["redis"] = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [os.environ["REDIS_URL"]],
                "prefix": "test-prospecting-ws",
            },
        }
    }


@pytest.fixture(params=["memory", "redis"])
def layer(request, settings):
    if request.param not in LAYERS:
        pytest.skip("REDIS_URL is not set")
    settings.CHANNEL_LAYERS = LAYERS[request.param]
    yield request.param
    settings.CHANNEL_LAYERS = django_settings.CHANNEL_LAYERS


async def connect(user):
    headers = (
        await database_sync_to_async(session_headers)(user)
        if user
        else [
            (b"origin", b"http://localhost"),
            (b"host", b"localhost"),
        ]
    )
    communicator = WebsocketCommunicator(application, "/ws/war-room/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def next_event(communicator, timeout=3):
    return await communicator.receive_json_from(timeout=timeout)


@pytest.mark.django_db(transaction=True)
async def test_anonymous_and_outsiders_are_refused(layer, outsider_user):
    communicator, connected, code = await connect(None)
    assert (connected, code) == (False, 4401)
    await communicator.disconnect()
    communicator, connected, code = await connect(outsider_user)
    assert (connected, code) == (False, 4403)
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_sales_board_hears_created_and_moved(layer, sales_user, staff_user):
    communicator, connected, _code = await connect(sales_user)
    assert connected
    lead = await database_sync_to_async(make_lead)("Live SARL", by=staff_user)
    assert await next_event(communicator) == {
        "type": "lead",
        "action": "created",
        "lead_id": lead.pk,
        "stage_id": lead.stage_id,
    }
    won = await database_sync_to_async(services.stage_by_key)("won")
    await database_sync_to_async(services.lead_move_stage)(
        lead=lead, stage=won, by=sales_user
    )
    event = await next_event(communicator)
    assert (event["action"], event["stage_id"]) == ("moved", won.pk)
    await communicator.send_json_to({"type": "ping"})
    assert await next_event(communicator) == {"type": "pong"}
    await communicator.send_to(text_data="{bad")
    assert (await next_event(communicator))["type"] == "error"
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_staff_hear_only_their_own_finds(layer, sales_user, staff_user):
    communicator, connected, _code = await connect(staff_user)
    assert connected
    await database_sync_to_async(make_lead)("Pas à moi", by=sales_user)
    mine = await database_sync_to_async(make_lead)("À moi", by=staff_user)
    event = await next_event(communicator)
    assert event["lead_id"] == mine.pk  # the other lead's event never arrived
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()
