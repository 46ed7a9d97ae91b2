"""The SFU's server side against a real Janus: the hub creates the VideoRoom with
its admin key, a browser gets the room's pin only once admitted to the call, the
pin is what Janus checks, and rooms without JANUS_URL stay a mesh."""

import json
import urllib.request

import pytest
from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError

from hub import roles
from tests.conftest import make_user
from video import services
from video.models import Room
from video.services import sfu

from .test_consumer import invite_headers


def _janus_join(janus, room_id, pin, feed=None):
    """Join the Janus room as a publisher (no media), the way a browser would."""
    client = sfu.JanusClient(janus.http_url)
    with client:
        body = {"request": "join", "ptype": "publisher", "room": room_id, "pin": pin}
        if feed:
            body["id"] = feed
        client._post(client.handle_url, {"janus": "message", "body": body})  # ack
        # The plugin answers asynchronously: long-poll the session for the event.
        poll = client.session_url + "?maxev=1"
        with urllib.request.urlopen(poll, timeout=10) as r:  # noqa: S310 - loopback
            return json.loads(r.read())


def test_rooms_stay_a_mesh_without_janus(db, staff_user, settings):
    settings.JANUS_URL = ""
    room = services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)
    assert not sfu.uses_sfu(room)
    with pytest.raises(ValidationError) as error:
        services.room_create(name="Grande", owner=staff_user, max_participants=30)
    assert "max_participants" in error.value.message_dict


def test_class_rooms_and_big_rooms_use_janus_small_rooms_do_not(db, staff_user, janus):
    small = services.room_create(name="Atelier", owner=staff_user)
    big = services.room_create(name="Plénière", owner=staff_user, max_participants=40)
    lesson = services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)
    assert (sfu.uses_sfu(small), sfu.uses_sfu(big), sfu.uses_sfu(lesson)) == (
        False,
        True,
        True,
    )


def test_the_hub_creates_the_janus_room_and_only_the_pin_opens_it(
    db, staff_user, janus
):
    room = services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)
    access = sfu.access_for(room, "0123456789abcdef")
    assert access.room == sfu.janus_room_id(room) and access.url == janus.ws_url
    assert access.feed == int("0123456789abc", 16)
    assert len(access.pin) >= 24
    # Created once: a second participant gets the same room and pin.
    assert sfu.access_for(room, "fedcba9876543210").pin == access.pin
    joined = _janus_join(janus, access.room, access.pin, access.feed)
    assert joined["plugindata"]["data"]["videoroom"] == "joined"
    refused = _janus_join(janus, access.room, "wrong-pin")
    assert refused["plugindata"]["data"]["error_code"] == 433  # unauthorized


def test_browsers_cannot_create_janus_rooms_without_the_admin_key(db, janus):
    with sfu.JanusClient(janus.http_url) as client:
        with pytest.raises(sfu.SfuError, match="admin_key|Unauthorized|Missing"):
            client.request({"request": "create", "room": 4242, "publishers": 50})


def test_ending_the_meeting_destroys_the_janus_room(db, staff_user, janus):
    room = services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)
    sfu.ensure_room(room)
    with sfu.JanusClient(janus.http_url) as client:
        assert client.request({"request": "exists", "room": sfu.janus_room_id(room)})[
            "exists"
        ]
    sfu.destroy_room(room)
    with sfu.JanusClient(janus.http_url) as client:
        exists = client.request({"request": "exists", "room": sfu.janus_room_id(room)})
    assert exists["exists"] is False


@pytest.mark.django_db(transaction=True)
async def test_the_pin_comes_with_the_call_not_with_the_lobby(joiner, janus):
    owner = await database_sync_to_async(make_user)("hote", roles.SALES)
    room = await database_sync_to_async(services.room_create)(
        name="Démo client", owner=owner, kind=Room.Kind.CUSTOMER, max_participants=20
    )
    host = await joiner(room, user=owner)
    assert host.welcome["sfu"]["room"] == sfu.janus_room_id(room)
    guest = await joiner(room, headers=await invite_headers(room))
    assert guest.welcome["state"] == "lobby" and "sfu" not in guest.welcome
    await host.send({"type": "admit", "peer": guest.peer_id})
    admitted = await guest.expect("welcome")
    assert admitted["sfu"]["pin"] == host.welcome["sfu"]["pin"]
    assert admitted["sfu"]["feed"] == sfu.feed_id(guest.peer_id)


@pytest.mark.django_db(transaction=True)
async def test_a_mesh_room_gets_no_sfu_even_with_janus_set(joiner, team_room, janus):
    peer = await joiner(team_room, user=team_room.owner)
    assert peer.welcome["sfu"] is None


@pytest.mark.django_db(transaction=True)
async def test_removing_someone_changes_the_pin_for_those_who_stay(joiner, janus):
    """The removed person's copy of the pin opens nothing any more; the others
    get the new one from the hub (and Janus accepts it)."""
    owner = await database_sync_to_async(make_user)("formatrice", roles.STAFF)
    trainee = await database_sync_to_async(make_user)("stagiaire", roles.STAFF)
    stays = await database_sync_to_async(make_user)("reste", roles.STAFF)
    room = await database_sync_to_async(services.room_create)(
        name="Classe", owner=owner, kind=Room.Kind.CLASS
    )
    host = await joiner(room, user=owner)
    removed = await joiner(room, user=trainee)
    other = await joiner(room, user=stays)
    old_pin = removed.welcome["sfu"]["pin"]
    await host.send({"type": "remove", "peer": removed.peer_id})
    assert (await removed.expect("removed"))["type"] == "removed"
    new_pin = (await other.expect("sfu-pin"))["pin"]
    assert (await host.expect("sfu-pin"))["pin"] == new_pin != old_pin
    assert await removed.expect_close() is not None  # and no new pin for it
    janus_room = sfu.janus_room_id(room)
    refused = await database_sync_to_async(_janus_join)(janus, janus_room, old_pin)
    assert refused["plugindata"]["data"]["error_code"] == 433
    joined = await database_sync_to_async(_janus_join)(janus, janus_room, new_pin)
    assert joined["plugindata"]["data"]["videoroom"] == "joined"
    # who enters next gets the new pin from the hub, not a stale copy
    late = await joiner(
        room, user=await database_sync_to_async(make_user)("tard", roles.STAFF)
    )
    assert late.welcome["sfu"]["pin"] == new_pin


def test_a_pin_janus_was_not_told_about_is_not_stored(db, staff_user, janus, settings):
    room = services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)
    pin = sfu.access_for(room, "0123456789abcdef").pin
    settings.JANUS_URL = "http://127.0.0.1:9/janus"  # Janus unreachable
    assert sfu.rotate_pin(room) is None
    room.refresh_from_db()
    assert room.sfu_pin == pin
