"""Signaling consumer over the real ASGI stack, on the in-memory and Redis layers."""

import json

import pytest
from channels.db import database_sync_to_async

from hub import roles
from tests.conftest import make_user
from video import services
from video.models import ChatMessage, Participant, Room

from .conftest import guest_headers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("channel_layer_backend"),
]

SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"


@database_sync_to_async
def staff(name, *groups):
    return make_user(name, roles.STAFF, *groups)


@database_sync_to_async
def invite_headers(room, name="Mme Client", ttl=3600):
    return guest_headers(services.invite_create(room=room, ttl=ttl), name)


async def test_join_presence_and_leave(joiner, team_room):
    alice, bob = await staff("alice"), await staff("bob")
    a = await joiner(team_room, user=alice)
    assert a.welcome["type"] == "welcome" and a.welcome["state"] == "in_call"
    assert [p["name"] for p in a.welcome["participants"]] == ["Alice"]
    b = await joiner(team_room, user=bob)
    assert {p["name"] for p in b.welcome["participants"]} == {"Alice", "Bob"}
    joined = await a.ws.receive_json_from(timeout=3)
    assert joined["type"] == "peer-joined"
    assert joined["peer"]["peer_id"] == b.peer_id
    await b.close()
    left = await a.ws.receive_json_from(timeout=3)
    assert left == {"type": "peer-left", "peer_id": b.peer_id, "reason": "left"}


async def test_offer_answer_and_ice_go_only_to_the_named_peer(joiner, team_room):
    a = await joiner(team_room, user=await staff("alice"))
    b = await joiner(team_room, user=await staff("bob"))
    c = await joiner(team_room, user=await staff("carol"))
    await a.send(
        {"type": "offer", "to": b.peer_id, "description": {"type": "offer", "sdp": SDP}}
    )
    offer = await b.expect("offer")
    assert offer["from"] == a.peer_id
    assert offer["description"] == {"type": "offer", "sdp": SDP}
    await b.send(
        {
            "type": "answer",
            "to": a.peer_id,
            "description": {"type": "answer", "sdp": SDP},
        }
    )
    assert (await a.expect("answer"))["from"] == b.peer_id
    candidate = {"candidate": "candidate:1 1 udp 1 10.0.0.1 9 typ host", "sdpMid": "0"}
    await a.send({"type": "ice-candidate", "to": b.peer_id, "candidate": candidate})
    relayed = await b.expect("ice-candidate")
    assert relayed["candidate"]["candidate"] == candidate["candidate"]
    assert await c.nothing()  # carol saw none of it


async def test_relay_to_a_peer_of_another_room_is_refused(joiner, team_room):
    other = await database_sync_to_async(services.room_create)(
        name="Direction", owner=team_room.owner
    )
    a = await joiner(team_room, user=await staff("alice"))
    d = await joiner(other, user=await staff("dave"))
    await a.send(
        {"type": "offer", "to": d.peer_id, "description": {"type": "offer", "sdp": SDP}}
    )
    error = await a.expect("error")
    assert error["code"] == "unknown-peer"
    assert await d.nothing()


async def test_chat_is_stored_and_relayed_as_text(joiner, team_room):
    a = await joiner(team_room, user=await staff("alice"))
    b = await joiner(team_room, user=await staff("bob"))
    text = '<script>alert("x")</script> & bonjour'
    await a.send({"type": "chat", "text": text})
    for peer in (a, b):
        message = await peer.expect("chat")
        assert message["text"] == text  # JSON text, rendered with textContent
        assert message["name"] == "Alice"
    stored = await database_sync_to_async(ChatMessage.objects.get)()
    assert stored.text == text and stored.author_name == "Alice"
    late = await joiner(team_room, user=await staff("carol"))
    assert late.welcome["chat"][0]["text"] == text


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "bad-message"),
        (json.dumps(["a list"]), "bad-message"),
        (json.dumps({"type": "teleport"}), "unknown-type"),
        (json.dumps({"type": "offer", "to": "0" * 16}), "bad-message"),
        (
            json.dumps(
                {
                    "type": "offer",
                    "to": "nope",
                    "description": {"type": "offer", "sdp": ""},
                }
            ),
            "bad-peer",
        ),
        (json.dumps({"type": "state", "audio": "yes"}), "bad-message"),
        (json.dumps({"type": "chat", "text": "   "}), "bad-message"),
        (json.dumps({"type": "chat", "text": "x" * 2001}), "too-large"),
        (json.dumps({"type": "admit", "peer": "0" * 16}), "forbidden"),
        (
            json.dumps(
                {
                    "type": "offer",
                    "to": "0" * 16,
                    "description": {"type": "offer", "sdp": "x" * (64 * 1024 + 1)},
                }
            ),
            "too-large",
        ),
        ("x" * (81 * 1024), "too-large"),
    ],
)
async def test_bad_messages_get_an_error_frame_and_the_room_lives(
    joiner, team_room, frame, code
):
    a = await joiner(team_room, user=await staff("alice"))
    await a.ws.send_to(text_data=frame)
    error = await a.expect("error")
    assert error["code"] == code
    await a.send({"type": "ping"})
    assert (await a.expect("pong"))["type"] == "pong"


async def test_mute_hand_and_screen_share_state_reach_the_others(joiner, team_room):
    a = await joiner(team_room, user=await staff("alice"))
    b = await joiner(team_room, user=await staff("bob"))
    await a.send({"type": "state", "audio": False, "hand": True, "screen": True})
    state = await b.expect("peer-state")
    assert state["peer_id"] == a.peer_id
    assert state["media"] == {
        "audio": False,
        "video": True,
        "hand": True,
        "screen": True,
    }


async def test_capacity_is_enforced_with_4409(joiner, team_room):
    await database_sync_to_async(Room.objects.filter(pk=team_room.pk).update)(
        max_participants=2
    )
    await joiner(team_room, user=await staff("alice"))
    await joiner(team_room, user=await staff("bob"))
    code = await joiner(team_room, user=await staff("carol"), expect_connected=False)
    assert code == 4409


async def test_refusals_have_clear_close_codes(joiner, team_room, customer_room):
    assert await joiner(team_room, expect_connected=False) == 4401
    outsider = await database_sync_to_async(make_user)("outsider")
    assert await joiner(team_room, user=outsider, expect_connected=False) == 4403
    plain = await staff("plain")  # Staff only: not in customer meetings
    assert await joiner(customer_room, user=plain, expect_connected=False) == 4403
    ghost = Room(slug="nowhere")
    assert await joiner(ghost, user=plain, expect_connected=False) == 4404
    await database_sync_to_async(services.room_end)(room=team_room, by=None)
    assert await joiner(team_room, user=plain, expect_connected=False) == 4410


async def test_guest_waits_in_lobby_until_the_host_admits(joiner, customer_room):
    host = await joiner(customer_room, user=customer_room.owner)
    assert host.welcome["is_host"] is True and host.welcome["lobby"] == []
    guest = await joiner(customer_room, headers=await invite_headers(customer_room))
    assert guest.welcome["state"] == "lobby"
    assert "participants" not in guest.welcome  # nothing leaks before admission
    lobby = await host.expect("lobby")
    assert [g["name"] for g in lobby["waiting"]] == ["Mme Client"]
    await guest.send({"type": "chat", "text": "hello?"})
    assert (await guest.expect("error"))["code"] == "not-in-call"
    await host.send({"type": "admit", "peer": guest.peer_id})
    admitted = await guest.expect("welcome")
    assert admitted["state"] == "in_call"
    assert [p["name"] for p in admitted["participants"]][0] == "Sales"
    joined = await host.ws.receive_json_from(timeout=3)
    while joined["type"] != "peer-joined":
        joined = await host.ws.receive_json_from(timeout=3)
    assert joined["peer"]["guest"] is True


async def test_host_refuses_a_guest(joiner, customer_room):
    host = await joiner(customer_room, user=customer_room.owner)
    guest = await joiner(customer_room, headers=await invite_headers(customer_room))
    await host.expect("lobby")
    await host.send({"type": "refuse", "peer": guest.peer_id})
    assert (await guest.expect("refused"))["type"] == "refused"
    assert await guest.expect_close() == 4403
    state = await database_sync_to_async(
        lambda: Participant.objects.get(peer_id=guest.peer_id).state
    )()
    assert state == Participant.State.REFUSED


async def test_only_the_host_admits(joiner, customer_room):
    colleague = await staff("colleague", roles.SALES)
    await joiner(customer_room, user=customer_room.owner)
    other = await joiner(customer_room, user=colleague)
    guest = await joiner(customer_room, headers=await invite_headers(customer_room))
    await other.send({"type": "admit", "peer": guest.peer_id})
    assert (await other.expect("error"))["code"] == "forbidden"
    assert await guest.nothing()


async def test_expired_or_revoked_invite_is_refused_with_4410(joiner, customer_room):
    headers = await invite_headers(customer_room)
    await database_sync_to_async(
        lambda: customer_room.invites.update(
            expires_at=customer_room.created_at.replace(year=2000)
        )
    )()
    assert await joiner(customer_room, headers=headers, expect_connected=False) == 4410


async def test_guest_pass_is_only_good_for_its_room(joiner, customer_room):
    other = await database_sync_to_async(services.room_create)(
        name="Autre", owner=customer_room.owner, kind=Room.Kind.CUSTOMER
    )
    headers = await invite_headers(customer_room)
    assert await joiner(other, headers=headers, expect_connected=False) == 4401


async def test_host_removes_a_participant(joiner, team_room):
    host = await joiner(team_room, user=team_room.owner)
    a = await joiner(team_room, user=await staff("alice"))
    await host.expect("peer-joined")
    await a.send({"type": "remove", "peer": host.peer_id})
    assert (await a.expect("error"))["code"] == "forbidden"
    await host.send({"type": "remove", "peer": a.peer_id})
    assert (await a.expect("removed"))["type"] == "removed"
    assert await a.expect_close() == 4403
    left = await host.expect("peer-left")
    assert left["peer_id"] == a.peer_id and left["reason"] == "removed"
