"""Live classes: scheduled with their video room; attendance credited from the
room's Participant rows once the class is over."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from ..models import LiveClass, LiveClassAttendance


@transaction.atomic
def live_class_schedule(
    *,
    course,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    trainer,
    capacity: int,
    min_presence_percent: int = 50,
    by,
) -> LiveClass:
    """A class on `course`, with its own team video room hosted by the trainer."""
    from video.models import Room
    from video.services.rooms import room_create

    live_class = LiveClass(
        course=course,
        title=title.strip(),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        trainer=trainer,
        capacity=capacity,
        min_presence_percent=min_presence_percent,
        created_by=by,
    )
    live_class.full_clean()
    live_class.room = room_create(
        name=_("Live class: %(title)s") % {"title": live_class.title[:90]},
        owner=trainer,
        kind=Room.Kind.CLASS,  # served by the SFU when one is configured
        max_participants=live_class.room_size,
        scheduled_for=starts_at,
    )
    live_class.save()
    audit_log(
        actor=by,
        action="webschool.live_class.schedule",
        target=live_class,
        changes={"course": course.pk, "starts_at": starts_at.isoformat()},
    )
    return live_class


def merged_minutes(intervals, start: datetime, end: datetime) -> float:
    """Minutes covered by `intervals` inside [start, end], overlaps counted once
    (two tabs open at once are one presence)."""
    clipped = sorted(
        (max(a, start), min(b, end))
        for a, b in intervals
        if min(b, end) > max(a, start)
    )
    total = timedelta()
    current_start = current_end = None
    for a, b in clipped:
        if current_end is None or a > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = a, b
        else:
            current_end = max(current_end, b)
    if current_end is not None:
        total += current_end - current_start
    return total.total_seconds() / 60


def _window(live_class: LiveClass) -> tuple[datetime, datetime]:
    """The class's time: from its start to its planned end, or to the room's end
    when the trainer ran over (credit stays capped at the duration)."""
    end = live_class.ends_at
    room = live_class.room
    if room is not None and room.ended_at is not None:
        end = max(end, room.ended_at)
    return live_class.starts_at, end


@transaction.atomic
def live_class_attendance_compute(*, live_class: LiveClass, now=None) -> list:
    """Attendance of a class that is over, credited once; [] if not over yet."""
    from video.selectors import room_presence_intervals

    live_class = (
        LiveClass.objects.select_for_update(of=("self",))
        .select_related("room")
        .get(pk=live_class.pk)
    )
    now = now or timezone.now()
    room_ended = live_class.room is not None and live_class.room.ended_at is not None
    if live_class.attendance_computed_at or not (
        room_ended or live_class.ends_at <= now
    ):
        return []
    start, end = _window(live_class)
    intervals = room_presence_intervals(live_class.room) if live_class.room else {}
    rows = []
    for user_id, stretches in intervals.items():
        if user_id == live_class.trainer_id:
            continue  # the trainer teaches; their hours are not training hours
        present = int(merged_minutes(stretches, start, end))
        if present <= 0:
            continue
        credited = (
            min(present, live_class.duration_minutes)
            if present >= live_class.min_presence_minutes
            else 0
        )
        rows.append(
            LiveClassAttendance(
                live_class=live_class,
                user_id=user_id,
                minutes_present=present,
                minutes_credited=credited,
                first_join=max(min(a for a, _b in stretches), start),
                last_leave=min(max(b for _a, b in stretches), end),
                evidence=live_class.evidence,
            )
        )
    LiveClassAttendance.objects.bulk_create(rows)
    live_class.attendance_computed_at = now
    live_class.save(update_fields=["attendance_computed_at"])
    audit_log(
        actor=None,
        action="webschool.live_class.attendance",
        target=live_class,
        changes={
            "attendees": len(rows),
            "credited": sum(1 for r in rows if r.minutes_credited),
        },
    )
    return rows


def live_classes_attendance_due(*, now=None) -> int:
    """Compute every class that is over and not yet counted (the job's body)."""
    now = now or timezone.now()
    count = 0
    candidates = LiveClass.objects.filter(
        attendance_computed_at__isnull=True, starts_at__lte=now
    ).select_related("room")
    for live_class in candidates:
        if live_class.is_over:
            live_class_attendance_compute(live_class=live_class, now=now)
            count += 1
    return count


@transaction.atomic
def live_class_end(*, live_class: LiveClass, by) -> LiveClass:
    """The trainer closes the class: the room ends, attendance is counted."""
    from video.services.rooms import room_end

    if live_class.room is not None:
        room_end(room=live_class.room, by=by)
        live_class.refresh_from_db()
    live_class_attendance_compute(live_class=live_class)
    return live_class
