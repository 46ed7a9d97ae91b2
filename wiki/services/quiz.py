"""Quiz attempts: drawn, shuffled, checked on the server; a pass credits the
lesson's hours with the attempt as evidence."""

from __future__ import annotations

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from ..models import LessonPage, QuizAttempt, QuizQuestion
from ..selectors.learning_path import lesson_blocker
from ..selectors.quiz import open_attempt, quiz_lock
from .webschool import lesson_complete

_random = random.SystemRandom()


def _refuse_if_not_allowed(*, user, lesson: LessonPage) -> None:
    blocker = lesson_blocker(user=user, lesson=lesson)
    if blocker:
        raise ValidationError(blocker, code="prerequisite")
    lock = quiz_lock(user=user, lesson=lesson)
    if lock.locked_until is not None:
        when = formats.time_format(timezone.localtime(lock.locked_until), "H:i")
        raise ValidationError(
            _("No attempts left for now: try again after %(time)s.") % {"time": when},
            code="cooldown",
        )


@transaction.atomic
def quiz_attempt_start(*, user, lesson: LessonPage) -> QuizAttempt:
    """The learner's open attempt, or a new draw from the question bank."""
    LessonPage.objects.select_for_update().filter(pk=lesson.pk).first()
    current = open_attempt(user=user, lesson=lesson)
    if current is not None:
        return current
    if lesson.completions.filter(user=user).exists():
        raise ValidationError(_("You already passed this quiz."), code="passed")
    _refuse_if_not_allowed(user=user, lesson=lesson)
    bank = list(QuizQuestion.objects.filter(lesson=lesson))
    if not bank:
        raise ValidationError(_("This lesson has no quiz yet."), code="no_quiz")
    questions = _random.sample(bank, min(len(bank), lesson.quiz_question_count))
    drawn = []
    for question in questions:
        order = list(range(len(question.choices())))
        _random.shuffle(order)
        drawn.append({"question": question.pk, "order": order})
    attempt = QuizAttempt(user=user, lesson=lesson, drawn=drawn)
    attempt.full_clean()
    attempt.save()
    return attempt


def _chosen(answers, drawn: dict, question: QuizQuestion) -> frozenset[int]:
    """The answer indexes posted for one question, checked against those shown."""
    raw = (
        answers.getlist(f"q{question.pk}")
        if hasattr(answers, "getlist")
        else (answers.get(f"q{question.pk}") or [])
    )
    if isinstance(raw, str):
        raw = [raw]
    try:
        chosen = frozenset(int(value) for value in raw)
    except (TypeError, ValueError):
        raise ValidationError(
            _("An answer was not understood: reload the quiz.")
        ) from None
    if not chosen:
        raise ValidationError(_("Answer every question before submitting."))
    if not chosen <= set(drawn["order"]):
        raise ValidationError(_("An answer was not understood: reload the quiz."))
    if question.kind == QuizQuestion.Kind.SINGLE and len(chosen) != 1:
        raise ValidationError(
            _("Pick one answer only for “%(q)s”.") % {"q": question.text}
        )
    return chosen


@transaction.atomic
def quiz_attempt_submit(
    *, user, lesson: LessonPage, attempt_id: int, answers
) -> QuizAttempt:
    """Score the learner's open attempt. Bad input raises ValidationError and
    leaves the attempt open; a pass completes the lesson."""
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("lesson")
        .filter(pk=attempt_id, user=user, lesson=lesson, submitted_at__isnull=True)
        .first()
    )
    if attempt is None:
        raise ValidationError(_("This attempt is over: start a new one."))
    questions = QuizQuestion.objects.in_bulk([d["question"] for d in attempt.drawn])
    right = total = 0
    chosen_by_question = {}
    for drawn in attempt.drawn:
        question = questions.get(drawn["question"])
        if question is None:
            continue
        total += 1
        chosen = _chosen(answers, drawn, question)
        chosen_by_question[str(question.pk)] = sorted(chosen)
        right += chosen == question.right_indexes()
    attempt.answers = chosen_by_question
    attempt.score_percent = round(100 * right / total) if total else 0
    attempt.passed = total > 0 and attempt.score_percent >= lesson.quiz_pass_percent
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["answers", "score_percent", "passed", "submitted_at"])
    audit_log(
        actor=user,
        action="webschool.quiz_passed" if attempt.passed else "webschool.quiz_failed",
        target=lesson,
        changes={"attempt": attempt.pk, "score": attempt.score_percent},
    )
    if attempt.passed:
        lesson_complete(user=user, lesson=lesson, evidence=attempt.evidence)
    return attempt
