"""Reads of lesson quizzes: the open attempt as shown, attempts left, pauses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from ..models import LessonCompletion, QuizAttempt, QuizQuestion


@dataclass
class QuizLock:
    attempts_left: int
    locked_until: datetime | None = None
    failures: list = field(default_factory=list)


def quiz_lock(*, user, lesson, now=None) -> QuizLock:
    """Attempts come in series of `quiz_max_attempts`; a series that ends
    failed pauses the quiz for `quiz_cooldown_minutes` after its last try."""
    now = now or timezone.now()
    failures = list(
        QuizAttempt.objects.filter(
            user=user, lesson=lesson, passed=False, submitted_at__isnull=False
        ).order_by("submitted_at")
    )
    in_series, lock_end = 0, None
    pause = timedelta(minutes=lesson.quiz_cooldown_minutes)
    for attempt in failures:
        in_series += 1
        if in_series == lesson.quiz_max_attempts:
            lock_end, in_series = attempt.submitted_at + pause, 0
    locked = lock_end if lock_end and lock_end > now else None
    left = 0 if locked else lesson.quiz_max_attempts - in_series
    return QuizLock(attempts_left=left, locked_until=locked, failures=failures)


def open_attempt(*, user, lesson) -> QuizAttempt | None:
    return (
        QuizAttempt.objects.filter(user=user, lesson=lesson, submitted_at__isnull=True)
        .order_by("-started_at")
        .first()
    )


def attempt_questions(attempt: QuizAttempt) -> list[dict]:
    """The drawn questions, with their answers in the order shown."""
    questions = QuizQuestion.objects.in_bulk([d["question"] for d in attempt.drawn])
    shown = []
    for number, drawn in enumerate(attempt.drawn, start=1):
        question = questions.get(drawn["question"])
        if question is None:  # deleted by an editor since the draw
            continue
        choices = question.choices()
        shown.append(
            {
                "number": number,
                "question": question,
                "multiple": question.kind == QuizQuestion.Kind.MULTIPLE,
                "choices": [
                    (index, choices[index][0])
                    for index in drawn["order"]
                    if index < len(choices)
                ],
            }
        )
    return shown


def quiz_state(*, user, lesson) -> dict | None:
    """What the lesson page shows of its quiz; None when it has no questions."""
    bank = QuizQuestion.objects.filter(lesson=lesson).count()
    if not bank:
        return None
    attempt = open_attempt(user=user, lesson=lesson)
    last = (
        QuizAttempt.objects.filter(user=user, lesson=lesson, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .first()
    )
    return {
        "bank": bank,
        "drawn": min(bank, lesson.quiz_question_count),
        "passed": LessonCompletion.objects.filter(user=user, lesson=lesson).exists(),
        "attempt": attempt,
        "questions": attempt_questions(attempt) if attempt else [],
        "last": last,
        "lock": quiz_lock(user=user, lesson=lesson),
    }
