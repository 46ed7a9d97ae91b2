"""Signaling for one room: presence, lobby, chat, and SDP/ICE relay between peers.

Wiring: every peer in the call is in the group `video.room.<pk>` (broadcasts);
guests waiting in the lobby are in `video.lobby.<pk>`; offers, answers and ICE
candidates go to ONE peer through its own channel name, looked up in the database
(same room, in the call) so it works across Daphne workers on Redis.
"""

from __future__ import annotations

import time

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError

from hub.consumers import GuardedJsonConsumer

from . import protocol, selectors, services
from .consumer_classroom import ClassroomHandlers
from .models import Participant, Room
from .protocol import ProtocolError
from .services import sfu
from .services.invites import session_key

CHAT_BURST = 10  # messages…
CHAT_WINDOW = 10.0  # …per this many seconds


def lobby_group(room_pk: int) -> str:
    return f"video.lobby.{room_pk}"


def peer_info(participant: Participant, room) -> dict:
    return {
        "peer_id": participant.peer_id,
        "name": participant.display_name,
        "guest": participant.is_guest,
        "host": participant.user_id is not None
        and participant.user_id == room.owner_id,
        "media": participant.media,
        "hand_at": participant.hand_raised_at.isoformat()
        if participant.hand_raised_at
        else None,
    }


@database_sync_to_async
def _room(slug):
    return selectors.room_by_slug(slug)


@database_sync_to_async
def _identify(scope, room):
    """(user, guest_pass, close_code): who is knocking, or why they are refused."""
    user = scope.get("user")
    authenticated = getattr(user, "is_authenticated", False)
    if not room.is_open:
        return None, None, protocol.CLOSE_GONE
    if authenticated and selectors.can_enter(user, room):
        return user, None, None
    session = scope.get("session")
    token = session.get(session_key(room.pk)) if session is not None else None
    if token:
        try:
            return None, services.guest_pass_read(token=token, room=room), None
        except services.InviteError as error:
            code = protocol.CLOSE_GONE if error.expired else protocol.CLOSE_FORBIDDEN
            return None, None, code
    code = protocol.CLOSE_FORBIDDEN if authenticated else protocol.CLOSE_UNAUTHENTICATED
    return None, None, code


@database_sync_to_async
def _snapshot(room, *, host: bool):
    participants = selectors.participants_in_call(room)
    return {
        "participants": [peer_info(p, room) for p in participants],
        "lobby": [peer_info(p, room) for p in selectors.participants_waiting(room)]
        if host
        else [],
        "chat": [
            {
                "id": m.pk,
                "name": m.author_name,
                "text": m.text,
                "at": m.created_at.isoformat(),
            }
            for m in selectors.chat_history(room, limit=50)
        ],
        "questions": services.questions_for_room(room),
        "spotlight": Room.objects.filter(pk=room.pk)
        .values_list("spotlight_peer", flat=True)
        .first()
        or None,
    }


@database_sync_to_async
def _media_update(peer_id, changes):
    participant = services.participant_media_update(peer_id=peer_id, changes=changes)
    return {
        "media": participant.media,
        "hand_at": participant.hand_raised_at.isoformat()
        if participant.hand_raised_at
        else None,
    }


@database_sync_to_async
def _sfu_access(room, peer_id) -> dict:
    """Janus's room, pin and feed id: only for a participant now in the call."""
    if not sfu.uses_sfu(room):
        return {"sfu": None}
    try:
        return {"sfu": sfu.access_for(room, peer_id).as_dict()}
    except sfu.SfuError as error:
        return {"sfu": None, "sfu_error": str(error)}


@database_sync_to_async
def _waiting(room):
    return [peer_info(p, room) for p in selectors.participants_waiting(room)]


class RoomConsumer(ClassroomHandlers, GuardedJsonConsumer):
    max_message_bytes = protocol.MAX_FRAME_BYTES

    async def admit(self):
        self.participant = None
        self.state = "connecting"
        self.peer_channels: dict[str, str] = {}
        self.chat_times: list[float] = []
        self.room = await _room(self.scope["url_route"]["kwargs"]["slug"])
        if self.room is None:
            return protocol.CLOSE_NOT_FOUND
        user, guest, refusal = await _identify(self.scope, self.room)
        if refusal:
            return refusal
        self.is_host = user is not None and selectors.is_host(user, self.room)
        try:
            self.participant = await database_sync_to_async(services.participant_join)(
                room=self.room,
                channel_name=self.channel_name,
                user=user,
                guest_name=guest.name if guest else "",
            )
        except services.RoomFull:
            return protocol.CLOSE_FULL
        return None

    async def welcome(self):
        if self.participant.state == Participant.State.IN_CALL:
            await self._enter_call()
        else:
            await self._enter_lobby()

    async def _enter_call(self):
        self.state = "in_call"
        await self.join(self.room.group_name)
        snapshot = await _snapshot(self.room, host=self.is_host)
        snapshot.update(await _sfu_access(self.room, self.participant.peer_id))
        me = peer_info(self.participant, self.room)
        await self.send_json(
            {
                "type": "welcome",
                "state": "in_call",
                "me": me,
                "is_host": self.is_host,
                "max_participants": self.room.max_participants,
                **snapshot,
            }
        )
        await self.channel_layer.group_send(
            self.room.group_name, {"type": "video.peer_joined", "peer": me}
        )

    async def _enter_lobby(self):
        self.state = "lobby"
        await self.join(lobby_group(self.room.pk))
        me = peer_info(self.participant, self.room)
        await self.send_json({"type": "welcome", "state": "lobby", "me": me})
        await self._announce_lobby()

    async def _announce_lobby(self):
        await self.channel_layer.group_send(
            self.room.group_name,
            {"type": "video.lobby_changed", "waiting": await _waiting(self.room)},
        )

    async def disconnect(self, code):
        if getattr(self, "participant", None) is None:
            return
        state, self.state = self.state, "gone"
        await database_sync_to_async(services.participant_leave)(
            peer_id=self.participant.peer_id
        )
        await super().disconnect(code)  # leaves the call's and lobby's groups
        if state == "in_call":
            await self.channel_layer.group_send(
                self.room.group_name,
                {"type": "video.peer_left", "peer_id": self.participant.peer_id},
            )
        elif state == "lobby":
            await self._announce_lobby()

    # --- incoming frames (checked by GuardedJsonConsumer, then protocol) ----

    def clean(self, content):
        return protocol.parse(content)

    async def receive_json(self, content, **kwargs):
        try:
            await super().receive_json(content, **kwargs)
        except ValidationError as error:
            await self.send_error("refused", " ".join(error.messages))
        except services.RoomFull:
            await self.send_error("room-full", "the room is full")

    def _require_call(self):
        if self.state != "in_call":
            raise ProtocolError("not-in-call", "wait until you are admitted")

    def _require_host(self):
        self._require_call()
        if not self.is_host:
            raise ProtocolError("forbidden", "only the host can do that")

    async def on_ping(self, message):
        await database_sync_to_async(services.participant_touch)(
            peer_id=self.participant.peer_id
        )
        await self.send_json({"type": "pong"})

    async def _relay(self, message):
        self._require_call()
        target = message["to"]
        channel = self.peer_channels.get(target)
        if channel is None:
            peer = await database_sync_to_async(selectors.participant_in_room)(
                room_pk=self.room.pk, peer_id=target
            )
            if peer is None or peer.peer_id == self.participant.peer_id:
                raise ProtocolError("unknown-peer", "no such peer in this room")
            channel = self.peer_channels[target] = peer.channel_name
        payload = {k: v for k, v in message.items() if k not in ("type", "to")}
        await self.channel_layer.send(
            channel,
            {
                "type": "video.signal",
                "kind": message["type"],
                "from": self.participant.peer_id,
                "payload": payload,
            },
        )

    on_offer = on_answer = on_ice_candidate = _relay

    async def on_chat(self, message):
        self._require_call()
        now = time.monotonic()
        self.chat_times = [t for t in self.chat_times if now - t < CHAT_WINDOW]
        if len(self.chat_times) >= CHAT_BURST:
            raise ProtocolError("slow-down", "too many messages, wait a moment")
        self.chat_times.append(now)
        chat = await database_sync_to_async(services.chat_post)(
            room=self.room, participant=self.participant, text=message["text"]
        )
        await self.channel_layer.group_send(
            self.room.group_name,
            {
                "type": "video.chat",
                "id": chat.pk,
                "from": self.participant.peer_id,
                "name": chat.author_name,
                "text": chat.text,
                "at": chat.created_at.isoformat(),
            },
        )

    async def on_state(self, message):
        self._require_call()
        info = await _media_update(self.participant.peer_id, message["changes"])
        await self.channel_layer.group_send(
            self.room.group_name,
            {
                "type": "video.peer_state",
                "peer_id": self.participant.peer_id,
                "media": info["media"],
                "hand_at": info["hand_at"],
            },
        )

    async def on_admit(self, message):
        self._require_host()
        guest = await database_sync_to_async(services.participant_admit)(
            room=self.room, peer_id=message["peer"], by=self.scope["user"]
        )
        await self.channel_layer.send(guest.channel_name, {"type": "video.admitted"})
        await self._announce_lobby()

    async def on_refuse(self, message):
        self._require_host()
        guest = await database_sync_to_async(services.participant_refuse)(
            room=self.room, peer_id=message["peer"], by=self.scope["user"]
        )
        await self.channel_layer.send(
            guest.channel_name, {"type": "video.sent_away", "reason": "refused"}
        )
        await self._announce_lobby()

    async def on_remove(self, message):
        self._require_host()
        peer = await database_sync_to_async(services.participant_remove)(
            room=self.room, peer_id=message["peer"], by=self.scope["user"]
        )
        await self.channel_layer.send(
            peer.channel_name, {"type": "video.sent_away", "reason": "removed"}
        )
        await self.channel_layer.group_send(
            self.room.group_name,
            {"type": "video.peer_left", "peer_id": peer.peer_id, "reason": "removed"},
        )
        if sfu.uses_sfu(self.room):
            await database_sync_to_async(sfu.kick)(self.room, peer.peer_id)
            pin = await database_sync_to_async(sfu.rotate_pin)(self.room)
            if pin:
                await self.channel_layer.group_send(
                    self.room.group_name, {"type": "video.sfu_pin", "pin": pin}
                )
        await self._announce_lobby()

    # --- channel-layer events -----------------------------------------------

    async def video_peer_joined(self, event):
        if event["peer"]["peer_id"] != self.participant.peer_id:
            await self.send_json({"type": "peer-joined", "peer": event["peer"]})

    async def video_peer_left(self, event):
        self.peer_channels.pop(event["peer_id"], None)
        if event["peer_id"] != self.participant.peer_id:
            await self.send_json(
                {
                    "type": "peer-left",
                    "peer_id": event["peer_id"],
                    "reason": event.get("reason", "left"),
                }
            )

    async def video_peer_state(self, event):
        await self.send_json(
            {
                "type": "peer-state",
                "peer_id": event["peer_id"],
                "media": event["media"],
                "hand_at": event.get("hand_at"),
            }
        )

    async def video_sfu_pin(self, event):
        """The Janus room's new pin, for those still in the call only (a
        removed peer's socket is "gone" before this reaches it)."""
        if self.state == "in_call":
            await self.send_json({"type": "sfu-pin", "pin": event["pin"]})

    async def video_chat(self, event):
        await self.send_json({**event, "type": "chat"})

    async def video_signal(self, event):
        if self.state == "in_call":
            await self.send_json(
                {"type": event["kind"], "from": event["from"], **event["payload"]}
            )

    async def video_lobby_changed(self, event):
        if self.is_host and self.state == "in_call":
            await self.send_json({"type": "lobby", "waiting": event["waiting"]})

    async def video_admitted(self, event):
        if self.state != "lobby":
            return
        await self.leave(lobby_group(self.room.pk))
        await database_sync_to_async(self.participant.refresh_from_db)()
        await self._enter_call()

    async def video_sent_away(self, event):
        self.state = "gone"
        await self.send_json({"type": event["reason"]})
        await self.close(code=protocol.CLOSE_FORBIDDEN)

    async def video_room_ended(self, event):
        self.state = "gone"
        await self.send_json({"type": "room-ended"})
        await self.close(code=protocol.CLOSE_GONE)
