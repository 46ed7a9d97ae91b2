"""Rooms: create, personal room on demand, the room for a war-room lead, end."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.realtime import broadcast
from hub.services import audit_log

from ..models import MESH_MAX_PARTICIPANTS, Room

# Slugs that would shadow the app's own URLs (/video/new/, /video/me/, …).
RESERVED_SLUGS = {"new", "me", "invite", "lead", "ice-servers"}


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "salle")[:60].strip("-") or "salle"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Room.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def room_create(
    *,
    name: str,
    owner,
    kind: str = Room.Kind.TEAM,
    max_participants: int = MESH_MAX_PARTICIPANTS,
    scheduled_for=None,
    lead=None,
    is_personal: bool = False,
    slug: str = "",
) -> Room:
    room = Room(
        name=(name or "").strip(),
        slug=slug or _unique_slug(name),
        owner=owner,
        kind=kind,
        max_participants=max_participants,
        scheduled_for=scheduled_for,
        is_personal=is_personal,
    )
    if lead is not None:
        room.lead = lead
    room.full_clean()
    room.save()
    audit_log(
        actor=owner,
        action="video.room.create",
        target=room,
        changes={"kind": kind, "lead": getattr(lead, "pk", None)},
    )
    return room


def personal_room_for(*, user) -> Room:
    """The employee's own room, created the first time they ask for it."""
    room = Room.objects.filter(owner=user, is_personal=True).first()
    if room is not None:
        return room
    name = _("Room of %(name)s") % {"name": user.get_full_name() or user.username}
    try:
        return room_create(
            name=name,
            owner=user,
            kind=Room.Kind.TEAM,
            is_personal=True,
            slug=_unique_slug(f"bureau-{user.username}"),
        )
    except IntegrityError:  # two tabs asked at once: the other one won
        return Room.objects.get(owner=user, is_personal=True)


def lead_label(lead) -> str:
    company = getattr(lead, "company", None)
    return getattr(company, "name", "") or str(lead)


@transaction.atomic
def room_for_lead(*, lead, host) -> Room:
    """The open customer meeting of `host` about `lead`, created if needed. When the
    call ends, the lead gets a "video_call" activity with the call's duration."""
    room = (
        Room.objects.filter(
            lead=lead,
            owner=host,
            kind=Room.Kind.CUSTOMER,
            ended_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )
    if room is not None:
        return room
    name = _("Meeting with %(company)s") % {"company": lead_label(lead)}
    return room_create(
        name=name[:120],
        owner=host,
        kind=Room.Kind.CUSTOMER,
        lead=lead,
        slug=_unique_slug(f"rdv-{lead_label(lead)}"),
    )


@transaction.atomic
def room_end(*, room: Room, by) -> Room:
    """Close the room: everyone is sent away and nobody can join again."""
    if room.ended_at is None:
        room.ended_at = timezone.now()
        room.save(update_fields=["ended_at"])
        room.invites.filter(revoked_at__isnull=True).update(revoked_at=room.ended_at)
        audit_log(actor=by, action="video.room.end", target=room)
        broadcast(room.group_name, {"type": "video.room_ended"})
        broadcast(f"video.lobby.{room.pk}", {"type": "video.room_ended"})
        from . import sfu

        if sfu.uses_sfu(room):
            transaction.on_commit(lambda: sfu.destroy_room(room))
        from . import recordings

        if recordings.enabled(room):
            from hub.background import enqueue

            from ..tasks import recordings_process

            enqueue(recordings_process, room.pk)
    return room
