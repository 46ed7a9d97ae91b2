"""The trainer's tools over the real consumer: questions queue, hand queue, mute all,
spotlight. Host-only frames are checked for the host (allowed) and a participant
(refused with 'forbidden', nothing changed)."""

import pytest
from channels.db import database_sync_to_async

from hub import roles
from hub.models import AuditEntry
from tests.conftest import make_user
from video.models import Participant, Question, Room

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("channel_layer_backend"),
]


@database_sync_to_async
def staff(name):
    return make_user(name, roles.STAFF)


@database_sync_to_async
def media_of(peer_id):
    return Participant.objects.get(peer_id=peer_id).media


@database_sync_to_async
def spotlight_of(room):
    return Room.objects.get(pk=room.pk).spotlight_peer


@database_sync_to_async
def audit_actions(room):
    return list(
        AuditEntry.objects.filter(target_id=str(room.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


async def _class(joiner, team_room):
    host = await joiner(team_room, user=team_room.owner)
    alice = await joiner(team_room, user=await staff("alice"))
    bob = await joiner(team_room, user=await staff("bob"))
    return host, alice, bob


async def test_raised_hands_carry_their_time_so_the_queue_keeps_the_order(
    joiner, team_room
):
    host, alice, bob = await _class(joiner, team_room)
    await bob.send({"type": "state", "hand": True})
    states = []
    while len(states) < 1:
        message = await host.ws.receive_json_from(timeout=3)
        if message["type"] == "peer-state":
            states.append(message)
    await alice.send({"type": "state", "hand": True})
    while len(states) < 2:
        message = await host.ws.receive_json_from(timeout=3)
        if message["type"] == "peer-state":
            states.append(message)
    bob_state, alice_state = states
    assert bob_state["peer_id"] == bob.peer_id and bob_state["media"]["hand"]
    assert alice_state["hand_at"] > bob_state["hand_at"]
    # Muting the microphone again does not send Bob to the back of the queue.
    await bob.send({"type": "state", "hand": True, "audio": False})
    while True:
        message = await host.ws.receive_json_from(timeout=3)
        if message["type"] == "peer-state" and message["peer_id"] == bob.peer_id:
            break
    assert message["hand_at"] == bob_state["hand_at"]
    # A late joiner gets the queue in the welcome.
    carol = await joiner(team_room, user=await staff("carol"))
    hands = {
        p["name"]: p["hand_at"] for p in carol.welcome["participants"] if p["hand_at"]
    }
    assert sorted(hands, key=hands.get) == ["Bob", "Alice"]


async def test_the_host_lowers_a_hand_a_participant_cannot(joiner, team_room):
    host, alice, bob = await _class(joiner, team_room)
    await alice.send({"type": "state", "hand": True})
    await bob.send({"type": "lower-hand", "peer": alice.peer_id})
    error = await bob.expect("error")
    assert error["code"] == "forbidden"
    assert (await media_of(alice.peer_id))["hand"] is True
    await host.send({"type": "lower-hand", "peer": alice.peer_id})
    while True:
        message = await alice.ws.receive_json_from(timeout=3)
        if message["type"] == "peer-state" and not message["media"]["hand"]:
            break
    assert message["hand_at"] is None
    assert (await media_of(alice.peer_id))["hand"] is False


async def test_questions_queue_and_only_the_host_marks_answered(joiner, team_room):
    host, alice, bob = await _class(joiner, team_room)
    await alice.send({"type": "question", "text": "  Quelle hauteur de portail ?  "})
    asked = (await host.expect("question"))["question"]
    assert asked["name"] == "Alice" and asked["text"] == "Quelle hauteur de portail ?"
    assert asked["answered"] is False
    assert (await bob.expect("question"))["question"]["id"] == asked["id"]
    assert (await alice.expect("question"))["question"]["id"] == asked["id"]

    await bob.send({"type": "question-answered", "id": asked["id"]})
    assert (await bob.expect("error"))["code"] == "forbidden"
    assert await database_sync_to_async(
        Question.objects.filter(pk=asked["id"], answered_at=None).exists
    )()

    await host.send({"type": "question-answered", "id": asked["id"]})
    answered = (await alice.expect("question"))["question"]
    assert answered["id"] == asked["id"] and answered["answered"] is True
    assert "video.question.answered" in await audit_actions(team_room)
    late = await joiner(team_room, user=await staff("carol"))
    assert [q["answered"] for q in late.welcome["questions"]] == [True]


async def test_bad_questions_are_refused_with_a_reason(joiner, team_room):
    host, alice, _ = await _class(joiner, team_room)
    await alice.send({"type": "question", "text": "x" * 501})
    assert (await alice.expect("error"))["code"] == "too-large"
    await alice.send({"type": "question", "text": "   "})
    assert (await alice.expect("error"))["code"] == "bad-message"
    await host.send({"type": "question-answered", "id": 999999})
    error = await host.expect("error")
    assert error["code"] == "refused" and error["error"]


async def test_mute_all_is_the_hosts_and_spares_the_host(joiner, team_room):
    host, alice, bob = await _class(joiner, team_room)
    await alice.send({"type": "mute-all"})
    assert (await alice.expect("error"))["code"] == "forbidden"
    assert (await media_of(bob.peer_id))["audio"] is True

    await host.send({"type": "mute-all"})
    muted = await bob.expect("muted-all")
    assert muted["by"] == host.peer_id
    assert set(muted["muted"]) == {alice.peer_id, bob.peer_id}
    assert (await media_of(bob.peer_id))["audio"] is False
    assert (await media_of(host.peer_id))["audio"] is True
    assert "video.mute_all" in await audit_actions(team_room)


async def test_spotlight_is_the_hosts_and_late_joiners_see_it(joiner, team_room):
    host, alice, bob = await _class(joiner, team_room)
    await bob.send({"type": "spotlight", "peer": bob.peer_id})
    assert (await bob.expect("error"))["code"] == "forbidden"
    assert await spotlight_of(team_room) == ""

    await host.send({"type": "spotlight", "peer": alice.peer_id})
    assert (await bob.expect("spotlight"))["peer_id"] == alice.peer_id
    carol = await joiner(team_room, user=await staff("carol"))
    assert carol.welcome["spotlight"] == alice.peer_id

    await host.send({"type": "spotlight", "peer": None})
    assert (await bob.expect("spotlight"))["peer_id"] == ""
    assert await spotlight_of(team_room) == ""


async def test_spotlight_ends_when_that_participant_leaves(joiner, team_room):
    host, alice, _ = await _class(joiner, team_room)
    await host.send({"type": "spotlight", "peer": alice.peer_id})
    await host.expect("spotlight")
    await alice.close()
    await host.expect("peer-left")
    assert await spotlight_of(team_room) == ""


async def test_a_guest_in_a_customer_meeting_cannot_use_trainer_controls(
    joiner, customer_room
):
    from .test_consumer import invite_headers

    host = await joiner(customer_room, user=customer_room.owner)
    guest = await joiner(customer_room, headers=await invite_headers(customer_room))
    await host.send({"type": "admit", "peer": guest.peer_id})
    await guest.expect("welcome")
    for frame in (
        {"type": "mute-all"},
        {"type": "spotlight", "peer": guest.peer_id},
        {"type": "lower-hand", "peer": host.peer_id},
    ):
        await guest.send(frame)
        assert (await guest.expect("error"))["code"] == "forbidden"
