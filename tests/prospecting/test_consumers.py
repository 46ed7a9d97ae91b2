import os
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.utils import timezone

from hub.asgi import application
from prospecting import events, services
from prospecting.models import Lead
from tests.hub.test_websocket import session_headers

from .factories import make_lead

# The first connect of a run opens the database and the Redis pool: on a loaded CI
# machine that can take more than the communicator's default of one second.
CONNECT_TIMEOUT = 5

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
    connected, code = await communicator.connect(timeout=CONNECT_TIMEOUT)
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
    event = await next_event(communicator)
    assert isinstance(event.pop("cursor"), int)  # for a re-sync after a drop
    assert event == {
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


def _hours_ago(hours):
    return events.cursor_from_time(timezone.now() - timedelta(hours=hours))


def _write_while_offline(sales_user, staff_user):
    """Leads written while a board was offline, and one written long before."""
    old = make_lead("Ancien", by=sales_user)
    Lead.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(hours=3)
    )
    found = make_lead("Trouvé par Staff", by=staff_user)
    moved = make_lead("Déplacé", by=sales_user)
    won = services.stage_by_key("won")
    services.lead_move_stage(lead=moved, stage=won, by=sales_user)
    trashed = make_lead("Supprimé", by=sales_user)
    services.lead_soft_delete(lead=trashed, by=sales_user)
    trashed_own = make_lead("Mon supprimé", by=staff_user)
    services.lead_soft_delete(lead=trashed_own, by=sales_user)
    return {
        "old": old,
        "found": found,
        "moved": moved,
        "won": won,
        "trashed": trashed,
        "trashed_own": trashed_own,
    }


async def sync(communicator, cursor):
    await communicator.send_json_to({"type": "sync", "cursor": cursor})
    return await next_event(communicator)


@pytest.mark.django_db(transaction=True)
async def test_sync_sends_sales_what_changed_while_offline(
    layer, sales_user, staff_user
):
    since = _hours_ago(1)
    leads = await database_sync_to_async(_write_while_offline)(sales_user, staff_user)
    communicator, connected, _code = await connect(sales_user)
    assert connected
    answer = await sync(communicator, since)
    assert answer["type"] == "sync" and answer["complete"] is True
    assert answer["cursor"] >= since
    changed = {c["lead_id"]: c["stage_id"] for c in answer["changed"]}
    assert changed == {
        leads["found"].pk: leads["found"].stage_id,
        leads["moved"].pk: leads["won"].pk,
    }
    assert set(answer["removed"]) == {leads["trashed"].pk, leads["trashed_own"].pk}
    # Caught up: from the new cursor on, only the overlap window comes back.
    again = await sync(communicator, answer["cursor"])
    assert leads["old"].pk not in {c["lead_id"] for c in again["changed"]}
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_sync_gives_staff_only_their_own_finds(layer, sales_user, staff_user):
    since = _hours_ago(1)
    leads = await database_sync_to_async(_write_while_offline)(sales_user, staff_user)
    communicator, connected, _code = await connect(staff_user)
    assert connected
    answer = await sync(communicator, since)
    assert answer["changed"] == [
        {"lead_id": leads["found"].pk, "stage_id": leads["found"].stage_id}
    ]
    # A trashed lead someone else found is not even named to Staff.
    assert answer["removed"] == [leads["trashed_own"].pk]
    # A role taken away while the socket is open: the next sync shows nothing.
    await database_sync_to_async(staff_user.groups.clear)()
    answer = await sync(communicator, since)
    assert (answer["changed"], answer["removed"]) == ([], [])
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_sync_with_a_bad_cursor_gets_an_error_not_a_dead_socket(
    layer, sales_user
):
    communicator, connected, _code = await connect(sales_user)
    assert connected
    future = events.cursor_from_time(timezone.now() + timedelta(hours=1))
    for cursor in (None, "2026-11-25T10:00:00", 1.5e12, True, -1, 0, future, [1]):
        await communicator.send_json_to({"type": "sync", "cursor": cursor})
        assert await next_event(communicator) == {
            "type": "error",
            "code": "bad-cursor",
            "error": "bad cursor",
        }, cursor
    await communicator.send_json_to({"type": "sync"})
    assert (await next_event(communicator))["error"] == "bad cursor"
    await communicator.send_json_to({"type": "ping"})
    assert await next_event(communicator) == {"type": "pong"}
    answer = await sync(communicator, _hours_ago(1))
    assert answer["type"] == "sync"
    await communicator.disconnect()
