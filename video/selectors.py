"""Reads of the video room, and the access rules every view and the consumer share.

Rules:
- Team rooms: every employee (Staff role or any other role).
- Customer meetings: their host, salespeople and managers (the meeting may be about
  a lead a plain employee cannot see), plus guests holding a valid invite.
- The host (the room's owner, or a superuser) admits, refuses and removes people,
  invites guests and ends the meeting.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hub import roles

from .models import PRESENCE_TIMEOUT, ChatMessage, Invite, Participant, Room


def is_host(user, room: Room) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.pk == room.owner_id or user.is_superuser


def can_access(user, room: Room) -> bool:
    """Is this employee one of the room's people (open or ended)?"""
    if not roles.is_staff_member(user):
        return False
    if room.kind in (Room.Kind.TEAM, Room.Kind.CLASS):
        return True
    return is_host(user, room) or roles.is_sales(user)


def can_enter(user, room: Room) -> bool:
    """May this employee join the call now, directly (no lobby)?"""
    return room.is_open and can_access(user, room)


def _live_participants(now=None):
    limit = (now or timezone.now()) - PRESENCE_TIMEOUT
    return Q(
        participants__state=Participant.State.IN_CALL,
        participants__last_seen__gte=limit,
    )


def room_list_for_user(user) -> QuerySet[Room]:
    """Open rooms this employee may enter, with how many people are in each now."""
    rooms = Room.objects.filter(ended_at__isnull=True).select_related("owner")
    if not roles.is_staff_member(user):
        return rooms.none()
    if not (roles.is_sales(user) or user.is_superuser):
        rooms = rooms.filter(
            Q(kind__in=[Room.Kind.TEAM, Room.Kind.CLASS]) | Q(owner=user)
        )
    return rooms.annotate(
        live_count=Count("participants", filter=_live_participants(), distinct=True)
    ).order_by("kind", "-is_personal", "name")


def room_get(*, slug: str) -> Room:
    room = Room.objects.select_related("owner").filter(slug=slug).first()
    if room is None:
        raise Http404
    return room


def room_by_slug(slug: str) -> Room | None:
    return Room.objects.select_related("owner").filter(slug=slug).first()


def live_rooms_for_user(user, *, limit: int = 8) -> list[Room]:
    """Rooms with someone in the call right now (dashboard panel)."""
    rooms = room_list_for_user(user).filter(live_count__gt=0)
    return list(rooms.order_by("-live_count", "name")[:limit])


def upcoming_meetings_for(user, *, limit: int = 5) -> list[Room]:
    """The host's open customer meetings: scheduled ones first (from an hour ago),
    then the unscheduled ones (e.g. started from a lead)."""
    recent = timezone.now() - timedelta(hours=1)
    return list(
        Room.objects.filter(
            Q(scheduled_for__gte=recent) | Q(scheduled_for__isnull=True),
            owner=user,
            kind=Room.Kind.CUSTOMER,
            ended_at__isnull=True,
        )
        .select_related("owner")
        .order_by(F("scheduled_for").asc(nulls_last=True), "-created_at")[:limit]
    )


def participants_in_call(room: Room) -> list[Participant]:
    limit = timezone.now() - PRESENCE_TIMEOUT
    return list(
        room.participants.filter(
            state=Participant.State.IN_CALL, last_seen__gte=limit
        ).select_related("user")
    )


def participants_waiting(room: Room) -> list[Participant]:
    limit = timezone.now() - PRESENCE_TIMEOUT
    return list(
        room.participants.filter(
            state=Participant.State.LOBBY, last_seen__gte=limit
        ).select_related("user")
    )


def participant_in_room(*, room_pk: int, peer_id: str) -> Participant | None:
    """The addressed peer, only if it is in the call of that same room."""
    return (
        Participant.objects.filter(
            room_id=room_pk, peer_id=peer_id, state=Participant.State.IN_CALL
        )
        .only("channel_name", "peer_id", "room_id")
        .first()
    )


def chat_history(room: Room, *, limit: int = 100) -> list[ChatMessage]:
    messages = room.chat_messages.order_by("-created_at", "-pk")[:limit]
    return list(reversed(list(messages)))


def invites_for_room(room: Room) -> QuerySet[Invite]:
    return room.invites.select_related("created_by").order_by("-created_at")


def room_presence_intervals(room: Room) -> dict[int, list[tuple]]:
    """Per employee, the (admitted, left) stretches of each socket they had in
    the call — one row per socket, so a second tab overlaps the first. A socket
    still open counts until its last ping. Guests (no user) are left out."""
    intervals: dict[int, list[tuple]] = {}
    rows = (
        Participant.objects.filter(
            room=room, user__isnull=False, admitted_at__isnull=False
        )
        .values_list("user_id", "admitted_at", "left_at", "last_seen")
        .order_by("admitted_at")
    )
    for user_id, admitted, left, last_seen in rows:
        end = left or max(last_seen, admitted)
        intervals.setdefault(user_id, []).append((admitted, end))
    return intervals
