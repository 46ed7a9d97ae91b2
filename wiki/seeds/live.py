"""Webschool demo, live classes: one held three weeks ago whose attendance
became hours (the managers' report shows them, with one trainee who left too
early to be credited), and one next week that trainees can join from the
course page. Scheduled through the same service as the form; presence comes
from Participant rows like a real call leaves. Idempotent: skipped when the
demo classes exist."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import CoursePage, LiveClass

PAST_TITLE = "Prospecter par téléphone : les dix premières secondes"
NEXT_TITLE = "Répondre à une demande de devis en 24 h"
CAPACITY = 10  # a mesh room holds it: the demo needs no SFU
# (username, minutes present out of 60): under half the class credits nothing
PRESENT = (
    ("sales", 60),
    ("staff", 58),
    ("jdupont", 55),
    ("mgarcia", 60),
    ("cpetit", 47),
    ("alaurent", 60),
    ("nmoreau", 22),
)


def _course(title: str) -> CoursePage | None:
    return CoursePage.objects.live().filter(title=title).first()


def _morning(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _attend(live_class: LiveClass, users: dict) -> None:
    """The Participant rows a real call leaves: admitted at the start, left
    after the minutes present (the trainer is in the room too)."""
    from video.models import Participant

    start = live_class.starts_at
    rows = [("manager", 62), *PRESENT]
    Participant.objects.bulk_create(
        [
            Participant(
                room=live_class.room,
                user=users[name],
                channel_name=f"demo.{name}",
                state=Participant.State.LEFT,
                joined_at=start,
                admitted_at=start,
                left_at=start + datetime.timedelta(minutes=minutes),
                last_seen=start + datetime.timedelta(minutes=minutes),
            )
            for name, minutes in rows
            if name in users
        ]
    )


def seed_live_classes(users: dict) -> int:
    """The two demo classes (0 when already there, or no course/trainer)."""
    from video.models import Room

    from ..services.live import live_class_attendance_compute, live_class_schedule

    trainer = users.get("manager")
    past_course = _course("Prospecter sur le web")
    next_course = _course("Communiquer avec les clients")
    if trainer is None or past_course is None or next_course is None:
        return 0
    if LiveClass.objects.filter(title__in=(PAST_TITLE, NEXT_TITLE)).exists():
        return 0
    past = live_class_schedule(
        course=past_course,
        title=PAST_TITLE,
        starts_at=_morning(-21),
        duration_minutes=60,
        trainer=trainer,
        capacity=CAPACITY,
        by=trainer,
    )
    _attend(past, users)
    Room.objects.filter(pk=past.room_id).update(
        ended_at=past.starts_at + datetime.timedelta(minutes=62)
    )
    past.refresh_from_db()
    live_class_attendance_compute(live_class=past)
    live_class_schedule(
        course=next_course,
        title=NEXT_TITLE,
        starts_at=_morning(7),
        duration_minutes=45,
        trainer=trainer,
        capacity=CAPACITY,
        by=trainer,
    )
    return 2
