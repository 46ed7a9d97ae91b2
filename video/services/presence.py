"""Who is in a room: lobby, call, leave; the call log; chat.

Every function runs in one transaction that locks the room row, so two workers
admitting the last free seat at once cannot both win.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.services import audit_log, notify

from ..models import PRESENCE_TIMEOUT, Call, ChatMessage, Participant, Room

logger = logging.getLogger(__name__)

MAX_LOBBY = 20
MEDIA_KEYS = ("audio", "video", "hand", "screen")
ACTIVE_STATES = (Participant.State.LOBBY, Participant.State.IN_CALL)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class RoomFull(Exception):
    pass


def _lock(room: Room) -> Room:
    return Room.objects.select_for_update().get(pk=room.pk)


def _in_call(room: Room):
    return room.participants.filter(state=Participant.State.IN_CALL)


def _prune_stale(room: Room) -> None:
    """Mark peers whose worker vanished (no ping for a while) as gone."""
    limit = timezone.now() - PRESENCE_TIMEOUT
    stale = room.participants.filter(state__in=ACTIVE_STATES, last_seen__lt=limit)
    for participant in stale:
        participant.state = Participant.State.LEFT
        participant.left_at = participant.last_seen
        participant.save(update_fields=["state", "left_at"])
    _end_call_if_empty(room)


def _clear_spotlight(room: Room, participant: Participant) -> None:
    """Whoever leaves is no longer the one shown big."""
    Room.objects.filter(pk=room.pk, spotlight_peer=participant.peer_id).update(
        spotlight_peer=""
    )


def _start_call_if_needed(room: Room) -> Call:
    call = room.calls.filter(ended_at__isnull=True).first()
    count = _in_call(room).count()
    if call is None:
        return Call.objects.create(room=room, peak_participants=max(count, 1))
    if count > call.peak_participants:
        call.peak_participants = count
        call.save(update_fields=["peak_participants"])
    return call


def _end_call_if_empty(room: Room) -> Call | None:
    if _in_call(room).exists():
        return None
    call = room.calls.filter(ended_at__isnull=True).first()
    if call is None:
        return None
    last_leave = (
        room.participants.filter(admitted_at__gte=call.started_at)
        .exclude(left_at=None)
        .order_by("-left_at")
        .values_list("left_at", flat=True)
        .first()
    )
    call.ended_at = max(last_leave or timezone.now(), call.started_at)
    call.save(update_fields=["ended_at"])
    _log_call_on_lead(room, call)
    return call


def _log_call_on_lead(room: Room, call: Call) -> None:
    """A customer meeting about a lead, with at least two people: log it on the
    lead through the war room's service (never by writing its models)."""
    if not room.lead_id or call.peak_participants < 2 or call.activity_logged:
        return
    from prospecting.services import activity_log

    names = [
        p.display_name
        for p in room.participants.filter(admitted_at__gte=call.started_at)
        .select_related("user")
        .order_by("admitted_at")
    ]
    unique_names = list(dict.fromkeys(n for n in names if n))
    with translation.override(settings.LANGUAGE_CODE):
        body = _("Video call “%(room)s” with %(names)s.") % {
            "room": room.name,
            "names": ", ".join(unique_names),
        }
    try:
        activity_log(
            lead=room.lead,
            kind="video_call",
            by=room.owner,
            body=body,
            duration_minutes=call.duration_minutes,
            occurred_at=call.started_at,
            data={"room": room.slug, "call": call.pk, "participants": unique_names},
        )
    except ValidationError:
        logger.warning("Video call %s not logged on lead %s", call.pk, room.lead_id)
        return
    call.activity_logged = True
    call.save(update_fields=["activity_logged"])


@transaction.atomic
def participant_join(
    *, room: Room, channel_name: str, user=None, guest_name: str = ""
) -> Participant:
    """Employees enter the call; guests wait in the lobby. RoomFull if no seat."""
    room = _lock(room)
    _prune_stale(room)
    now = timezone.now()
    participant = Participant(
        room=room,
        channel_name=channel_name,
        user=user,
        guest_name=guest_name[:80] if user is None else "",
        joined_at=now,
        last_seen=now,
        media={"audio": True, "video": True, "hand": False, "screen": False},
    )
    if user is None:
        lobby = room.participants.filter(state=Participant.State.LOBBY).count()
        if lobby >= MAX_LOBBY:
            raise RoomFull
        participant.state = Participant.State.LOBBY
    else:
        if _in_call(room).count() >= room.max_participants:
            raise RoomFull
        participant.state = Participant.State.IN_CALL
        participant.admitted_at = now
    participant.full_clean()
    participant.save()
    if participant.state == Participant.State.IN_CALL:
        _start_call_if_needed(room)
    else:
        _tell_absent_host(room, participant)
    return participant


def _tell_absent_host(room: Room, guest: Participant) -> None:
    """A guest knocks while the host is not in the call: ring their bell."""
    if _in_call(room).filter(user_id=room.owner_id).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("%(name)s is waiting in the lobby of") % {"name": guest.guest_name}
    notify(
        users=[room.owner],
        kind="video.lobby",
        verb=verb,
        target_label=room.name,
        target_url=room.get_absolute_url(),
    )


def _waiting(room: Room, peer_id: str) -> Participant:
    participant = (
        room.participants.filter(peer_id=peer_id, state=Participant.State.LOBBY)
        .select_related("user")
        .first()
    )
    if participant is None:
        raise ValidationError(_("Nobody with that id is waiting."))
    return participant


@transaction.atomic
def participant_admit(*, room: Room, peer_id: str, by) -> Participant:
    room = _lock(room)
    participant = _waiting(room, peer_id)
    if _in_call(room).count() >= room.max_participants:
        raise RoomFull
    participant.state = Participant.State.IN_CALL
    participant.admitted_at = timezone.now()
    participant.save(update_fields=["state", "admitted_at"])
    _start_call_if_needed(room)
    audit_log(
        actor=by,
        action="video.guest.admit",
        target=room,
        changes={"guest": participant.guest_name},
    )
    return participant


@transaction.atomic
def participant_refuse(*, room: Room, peer_id: str, by) -> Participant:
    room = _lock(room)
    participant = _waiting(room, peer_id)
    participant.state = Participant.State.REFUSED
    participant.left_at = timezone.now()
    participant.save(update_fields=["state", "left_at"])
    audit_log(
        actor=by,
        action="video.guest.refuse",
        target=room,
        changes={"guest": participant.guest_name},
    )
    return participant


@transaction.atomic
def participant_remove(*, room: Room, peer_id: str, by) -> Participant:
    """The host sends someone away (lobby or call)."""
    room = _lock(room)
    participant = (
        room.participants.filter(peer_id=peer_id, state__in=ACTIVE_STATES)
        .select_related("user")
        .first()
    )
    if participant is None:
        raise ValidationError(_("This participant is no longer in the room."))
    if by is not None and participant.user_id == by.pk:
        raise ValidationError(_("You cannot remove yourself; leave the room instead."))
    participant.state = Participant.State.REMOVED
    participant.left_at = timezone.now()
    participant.save(update_fields=["state", "left_at"])
    _clear_spotlight(room, participant)
    _end_call_if_empty(room)
    audit_log(
        actor=by,
        action="video.participant.remove",
        target=room,
        changes={"participant": participant.display_name},
    )
    return participant


@transaction.atomic
def participant_leave(*, peer_id: str) -> Participant | None:
    """The socket closed. Ends (and logs) the call when the last one leaves."""
    participant = Participant.objects.filter(peer_id=peer_id).first()
    if participant is None:
        return None
    room = _lock(participant.room)
    participant.refresh_from_db()
    if participant.state in ACTIVE_STATES:
        participant.state = Participant.State.LEFT
        participant.left_at = timezone.now()
        participant.save(update_fields=["state", "left_at"])
        _clear_spotlight(room, participant)
        _end_call_if_empty(room)
    return participant


def participant_touch(*, peer_id: str) -> None:
    Participant.objects.filter(peer_id=peer_id, state__in=ACTIVE_STATES).update(
        last_seen=timezone.now()
    )


@transaction.atomic
def participant_media_update(*, peer_id: str, changes: dict) -> Participant:
    """Mute, camera, raised hand, screen share: booleans only, known keys only."""
    clean = {k: bool(v) for k, v in changes.items() if k in MEDIA_KEYS}
    participant = Participant.objects.select_for_update().get(peer_id=peer_id)
    was_raised = bool(participant.media.get("hand"))
    participant.media = {**participant.media, **clean}
    participant.last_seen = timezone.now()
    if participant.media.get("hand") and not was_raised:
        participant.hand_raised_at = participant.last_seen  # joins the queue's end
    elif not participant.media.get("hand"):
        participant.hand_raised_at = None
    participant.save(update_fields=["media", "last_seen", "hand_raised_at"])
    return participant


@transaction.atomic
def chat_post(*, room: Room, participant: Participant, text: str) -> ChatMessage:
    text = _CONTROL_CHARS.sub("", str(text or "")).strip()
    if not text:
        raise ValidationError(_("The message is empty."))
    if len(text) > ChatMessage.MAX_LENGTH:
        raise ValidationError(
            _("A message has at most %(max)d characters.")
            % {"max": ChatMessage.MAX_LENGTH}
        )
    message = ChatMessage(
        room=room,
        author=participant.user,
        author_name=participant.display_name[:120] or "?",
        text=text,
    )
    message.full_clean()
    message.save()
    return message
