"""Signaling for one room: presence, lobby, chat, and SDP/ICE relay between peers.

Wiring: every peer in the call is in the group `video.room.<pk>` (broadcasts);
guests waiting in the lobby are in `video.lobby.<pk>`; offers, answers and ICE
candidates go to ONE peer through its own channel name, looked up in the database
(same room, in the call) so it works across Daphne workers on Redis.
"""

from __future__ import annotations

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ValidationError

from . import protocol, selectors, services
from .models import Participant
from .protocol import ProtocolError
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
    }


@database_sync_to_async
def _waiting(room):
    return [peer_info(p, room) for p in selectors.participants_waiting(room)]


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.participant = None
        self.state = "connecting"
        self.peer_channels: dict[str, str] = {}
        self.chat_times: list[float] = []
        self.room = await _room(self.scope["url_route"]["kwargs"]["slug"])
        if self.room is None:
            await self.close(code=protocol.CLOSE_NOT_FOUND)
            return
        user, guest, refusal = await _identify(self.scope, self.room)
        if refusal:
            await self.close(code=refusal)
            return
        self.is_host = user is not None and selectors.is_host(user, self.room)
        try:
            self.participant = await database_sync_to_async(services.participant_join)(
                room=self.room,
                channel_name=self.channel_name,
                user=user,
                guest_name=guest.name if guest else "",
            )
        except services.RoomFull:
            await self.close(code=protocol.CLOSE_FULL)
            return
        await self.accept()
        if self.participant.state == Participant.State.IN_CALL:
            await self._enter_call()
        else:
            await self._enter_lobby()

    async def _enter_call(self):
        self.state = "in_call"
        await self.channel_layer.group_add(self.room.group_name, self.channel_name)
        snapshot = await _snapshot(self.room, host=self.is_host)
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
        await self.channel_layer.group_add(lobby_group(self.room.pk), self.channel_name)
        me = peer_info(self.participant, self.room)
        await self.send_json({"type": "welcome", "state": "lobby", "me": me})
        await self._announce_lobby()

    async def _announce_lobby(self):
        await self.channel_layer.group_send(
            self.room.group_name,
            {"type": "video.lobby_changed", "waiting": await _waiting(self.room)},
        )

    async def disconnect(self, code):
        if self.participant is None:
            return
        state, self.state = self.state, "gone"
        await database_sync_to_async(services.participant_leave)(
            peer_id=self.participant.peer_id
        )
        await self.channel_layer.group_discard(self.room.group_name, self.channel_name)
        await self.channel_layer.group_discard(
            lobby_group(self.room.pk), self.channel_name
        )
        if state == "in_call":
            await self.channel_layer.group_send(
                self.room.group_name,
                {"type": "video.peer_left", "peer_id": self.participant.peer_id},
            )
        elif state == "lobby":
            await self._announce_lobby()

    # --- incoming frames ----------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self._error("bad-message", "text frames only")
            return
        if len(text_data) > protocol.MAX_FRAME_BYTES:
            await self._error("too-large", "message too large")
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nesting
            await self._error("bad-message", "invalid JSON")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        try:
            message = protocol.parse(content)
            handler = getattr(self, "on_" + message["type"].replace("-", "_"))
            await handler(message)
        except ProtocolError as error:
            await self._error(error.code, error.message)
        except ValidationError as error:
            await self._error("refused", " ".join(error.messages))
        except services.RoomFull:
            await self._error("room-full", "the room is full")

    async def _error(self, code: str, message: str):
        await self.send_json({"type": "error", "code": code, "error": message})

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
        media = await database_sync_to_async(services.participant_media_update)(
            peer_id=self.participant.peer_id, changes=message["changes"]
        )
        await self.channel_layer.group_send(
            self.room.group_name,
            {
                "type": "video.peer_state",
                "peer_id": self.participant.peer_id,
                "media": media,
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
            {"type": "peer-state", "peer_id": event["peer_id"], "media": event["media"]}
        )

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
        await self.channel_layer.group_discard(
            lobby_group(self.room.pk), self.channel_name
        )
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
