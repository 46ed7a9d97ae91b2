"""The SFU: Janus's VideoRoom plugin, driven by the hub, never by a browser.

Rooms stay a mesh (nothing to install) unless settings.JANUS_URL is set; then
class rooms and rooms above the mesh size go through Janus. Only the hub holds
the plugin's admin_key: it creates the Janus room with a random pin and a
secret, and the consumer hands the pin (and the public WebSocket URL) to a
browser only once the hub has let it into the call. Janus rooms are not
permanent: `ensure_room` re-creates one after a Janus restart.
"""

from __future__ import annotations

import json
import logging
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ..models import MESH_MAX_PARTICIPANTS, Room

logger = logging.getLogger(__name__)

PLUGIN = "janus.plugin.videoroom"
TIMEOUT = 5  # seconds: the hub's HTTP calls to Janus
JANUS_ROOM_OFFSET = 1_000_000  # Janus room ids of the hub: offset + Room.pk
MAX_BITRATE = 1_500_000  # bits/s per publisher (simulcast's top layer)


class SfuError(Exception):
    """Janus did not answer, or refused (message from Janus)."""


def enabled() -> bool:
    return bool(settings.JANUS_URL)


def uses_sfu(room: Room) -> bool:
    """Class rooms and rooms larger than a mesh go through Janus when it is set."""
    if not enabled():
        return False
    return room.is_class or room.max_participants > MESH_MAX_PARTICIPANTS


def janus_room_id(room: Room) -> int:
    return JANUS_ROOM_OFFSET + room.pk


def feed_id(peer_id: str) -> int:
    """A participant's publisher id in Janus, derived from its peer id (52 bits:
    exact in a JavaScript number) so the hub can kick it by id."""
    return int(peer_id[:13], 16) or 1


def _secret(room: Room) -> str:
    """The Janus room's secret (edit, kick, destroy): derived, never stored."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("video.sfu.secret", str(room.pk)).hexdigest()[:32]


class JanusClient:
    """Janus's plain HTTP API: a session, one VideoRoom handle, synchronous
    plugin requests (create, exists, kick, destroy need no media)."""

    def __init__(self, base_url: str):
        if not base_url.startswith(("http://", "https://")):
            raise SfuError("JANUS_URL must be an http(s) URL")
        self.base_url = base_url.rstrip("/")
        self.session_url = ""
        self.handle_url = ""

    def _post(self, url: str, payload: dict) -> dict:
        body = json.dumps({**payload, "transaction": secrets.token_hex(6)}).encode()
        request = urllib.request.Request(  # noqa: S310 - http(s) checked in __init__
            url, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read())
        except (OSError, ValueError) as error:
            raise SfuError(f"Janus unreachable: {error}") from error
        if answer.get("janus") == "error":
            raise SfuError(answer.get("error", {}).get("reason", "Janus error"))
        return answer

    def __enter__(self):
        session = self._post(self.base_url, {"janus": "create"})["data"]["id"]
        self.session_url = f"{self.base_url}/{session}"
        handle = self._post(self.session_url, {"janus": "attach", "plugin": PLUGIN})
        self.handle_url = f"{self.session_url}/{handle['data']['id']}"
        return self

    def __exit__(self, *exc):
        try:
            self._post(self.session_url, {"janus": "destroy"})
        except SfuError:
            logger.warning("Janus session %s not destroyed", self.session_url)

    def request(self, body: dict) -> dict:
        answer = self._post(self.handle_url, {"janus": "message", "body": body})
        data = answer.get("plugindata", {}).get("data", {})
        if data.get("error_code"):
            raise SfuError(data.get("error", "VideoRoom error"))
        return data


def _pin_for(room: Room) -> str:
    """The room's current pin, read afresh: a consumer's Room was loaded when
    its socket opened, and a removal since then rotated the pin."""
    room.sfu_pin = (
        Room.objects.filter(pk=room.pk).values_list("sfu_pin", flat=True).first() or ""
    )
    if not room.sfu_pin:
        with transaction.atomic():
            locked = Room.objects.select_for_update().get(pk=room.pk)
            if not locked.sfu_pin:
                locked.sfu_pin = secrets.token_urlsafe(24)
                locked.save(update_fields=["sfu_pin"])
            room.sfu_pin = locked.sfu_pin
    return room.sfu_pin


def _create_body(room: Room, pin: str) -> dict:
    return {
        "request": "create",
        "admin_key": settings.JANUS_ADMIN_KEY,
        "room": janus_room_id(room),
        "description": room.name[:100],
        "secret": _secret(room),
        "pin": pin,
        "is_private": True,
        "publishers": room.max_participants,
        "bitrate": MAX_BITRATE,
        "fir_freq": 10,
        "videocodec": "vp8",
        "audiocodec": "opus",
        "notify_joining": False,
        "permanent": False,
        **_record_options(room),
    }


def _record_options(room: Room) -> dict:
    """Class rooms are recorded when JANUS_RECORDINGS_DIR is set (the trainees
    are told on the room page); Janus writes into the room's own folder."""
    from . import recordings

    if not recordings.enabled(room):
        return {}
    folder = recordings.room_folder(room)
    folder.mkdir(parents=True, exist_ok=True)
    return {"record": True, "rec_dir": str(folder)}


@dataclass(frozen=True)
class SfuAccess:
    """What a browser admitted to the call needs to reach the Janus room."""

    url: str
    room: int
    pin: str
    feed: int

    def as_dict(self) -> dict:
        return {"url": self.url, "room": self.room, "pin": self.pin, "feed": self.feed}


def ensure_room(room: Room) -> int:
    """The Janus room of `room`, created if Janus does not have it (yet)."""
    pin = _pin_for(room)
    with JanusClient(settings.JANUS_URL) as janus:
        exists = janus.request({"request": "exists", "room": janus_room_id(room)})
        if not exists.get("exists"):
            janus.request(_create_body(room, pin))
    return janus_room_id(room)


def access_for(room: Room, peer_id: str) -> SfuAccess:
    """Call only after the hub's permission check let this participant in."""
    ensure_room(room)
    return SfuAccess(
        url=settings.JANUS_PUBLIC_URL or settings.JANUS_URL,
        room=janus_room_id(room),
        pin=room.sfu_pin,
        feed=feed_id(peer_id),
    )


def kick(room: Room, peer_id: str) -> None:
    """A removed participant leaves the Janus room too (its pin is not enough)."""
    try:
        with JanusClient(settings.JANUS_URL) as janus:
            janus.request(
                {
                    "request": "kick",
                    "room": janus_room_id(room),
                    "secret": _secret(room),
                    "id": feed_id(peer_id),
                }
            )
    except SfuError as error:  # not publishing yet, or Janus gone: nothing to cut
        logger.info("Janus kick of %s in %s: %s", peer_id, room.slug, error)


def rotate_pin(room: Room) -> str | None:
    """After a removal: a new pin for the Janus room, so the removed person's
    copy of the old one opens nothing — not a rejoin, not a subscription. Those
    still in the call keep their connections (Janus checks the pin on join
    only) and get the new pin from the hub for what they open next.

    The new pin is stored only once Janus has it (or has no such room, which
    `ensure_room` will create with it): returns it, or None when Janus could
    not be told (the old pin stays, nothing half-changed)."""
    new_pin = secrets.token_urlsafe(24)
    try:
        with JanusClient(settings.JANUS_URL) as janus:
            janus.request(
                {
                    "request": "edit",
                    "room": janus_room_id(room),
                    "secret": _secret(room),
                    "new_pin": new_pin,
                }
            )
    except SfuError as error:
        if "no such room" not in str(error).lower():
            logger.warning("Janus pin of %s not rotated: %s", room.slug, error)
            return None
    Room.objects.filter(pk=room.pk).update(sfu_pin=new_pin)
    room.sfu_pin = new_pin
    return new_pin


def destroy_room(room: Room) -> None:
    """The meeting ended: drop the Janus room (everyone in it is cut off)."""
    try:
        with JanusClient(settings.JANUS_URL) as janus:
            janus.request(
                {
                    "request": "destroy",
                    "room": janus_room_id(room),
                    "secret": _secret(room),
                }
            )
    except SfuError as error:
        logger.info("Janus destroy of %s: %s", room.slug, error)
