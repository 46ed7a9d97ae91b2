"""Webschool demo: the courses, lessons with real fence and gate content,
their quizzes, and a year of demo progress earned on evidence (idempotent)."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hub.progress import ProgressBar

from ..bootstrap import ensure_wiki_tree
from ..models import CoursePage, LessonCompletion, LessonPage, QuizAttempt, QuizQuestion
from . import _quiet_page_logs, _users, build_body, webschool_fr
from .live import seed_live_classes


def seed_webschool(*, stdout, small=False):
    with _quiet_page_logs():
        _seed_webschool(stdout=stdout, small=small)


def _seed_webschool(*, stdout, small=False):
    _wiki, school = ensure_wiki_tree()
    users = _users()
    lessons_total = sum(len(c[3]) for c in webschool_fr.COURSES)
    with ProgressBar(lessons_total + 2, "Webschool", stream=stdout) as bar:
        lessons = []
        for level, title, description, items in webschool_fr.COURSES:
            with transaction.atomic():
                course = _seed_course(school, users, level, title, description)
                for lesson_title, minutes, summary in items:
                    lesson = _seed_lesson(course, users, lesson_title, minutes, summary)
                    _seed_quiz(lesson, webschool_fr.quiz_for(lesson_title))
                    lessons.append(lesson)
                    bar.advance()
        with transaction.atomic():
            _seed_progress(users, lessons)
        bar.advance()
        with transaction.atomic():
            seed_live_classes(users)
        bar.advance()


def _published_child(parent, model, users, title, **fields):
    """The child page `title` of `parent`, created and published once (a
    re-run finds it by its slug and leaves an editor's changes alone)."""
    slug = slugify(title)[:80]
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(title=title, slug=slug, **fields))
        page.save_revision(user=users.get("editor")).publish(
            user=users.get("editor"), skip_permission_checks=True
        )
    return page


def _seed_course(school, users, level, title, description):
    return _published_child(
        school, CoursePage, users, title, level=level, description=description
    )


def _seed_lesson(course, users, title, minutes, summary):
    return _published_child(
        course,
        LessonPage,
        users,
        title,
        duration_minutes=minutes,
        summary=summary,
        quiz_question_count=3,
        body=build_body(webschool_fr.lesson_body(title, summary), {}),
    )


def _seed_quiz(lesson, questions):
    """The lesson's question bank, written once (an editor may change it)."""
    if QuizQuestion.objects.filter(lesson=lesson).exists():
        return
    for order, (kind, text, answers, explanation) in enumerate(questions):
        question = QuizQuestion(
            lesson=lesson,
            sort_order=order,
            kind=kind,
            text=text,
            answers=answers,
            explanation=explanation,
        )
        question.full_clean()
        question.save()


def _seed_progress(users, lessons):
    """Demo progress: each person passed the quizzes of the first lessons of
    the path (in order, as prerequisites require), with the attempt as
    evidence, on days spread over the year."""
    if LessonCompletion.objects.exists():
        return
    rng = random.Random(7)  # noqa: S311 - demo data, reproducible
    now = timezone.now()
    for name, user in users.items():
        if name == "admin":
            continue
        for lesson in lessons[: rng.randint(2, len(lessons))]:
            when = now - datetime.timedelta(days=rng.randint(1, 300))
            attempt = QuizAttempt.objects.create(
                user=user,
                lesson=lesson,
                drawn=[],
                started_at=when,
                submitted_at=when,
                score_percent=100,
                passed=True,
            )
            LessonCompletion.objects.create(
                user=user,
                lesson=lesson,
                minutes=lesson.duration_minutes,
                completed_at=when,
                evidence=attempt.evidence,
            )
