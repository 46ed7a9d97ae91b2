"""Writes of the Webschool: lessons completed on evidence, the resume bookmark."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hub.services import audit_log

from ..models import LessonBookmark, LessonCompletion, LessonPage


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage, evidence: str) -> LessonCompletion:
    """Credit the lesson's minutes, once, with what proves the work (a passed
    quiz attempt). There is no completion without evidence."""
    if not evidence:
        raise ValueError("A lesson is completed on evidence only.")
    completion = LessonCompletion.objects.filter(user=user, lesson=lesson).first()
    if completion is not None:
        return completion
    completion = LessonCompletion(
        user=user, lesson=lesson, minutes=lesson.duration_minutes, evidence=evidence
    )
    completion.full_clean()
    completion.save()
    audit_log(
        actor=user,
        action="webschool.lesson_done",
        target=lesson,
        changes={"evidence": evidence, "minutes": completion.minutes},
    )
    return completion


def lesson_bookmark_set(*, user, lesson: LessonPage) -> None:
    """Remember the last lesson opened ("Resume where I was")."""
    LessonBookmark.objects.update_or_create(
        user=user, defaults={"lesson": lesson, "updated_at": timezone.now()}
    )
