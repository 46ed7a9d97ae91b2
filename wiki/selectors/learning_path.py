"""The learning path in order, and what a learner may open next.

Order: levels (initiation → communication → prospection), then courses and
lessons in the page tree's order. Only lessons with a quiz gate the path: a
lesson without questions cannot be passed, so it cannot hold anyone back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import CoursePage, LessonCompletion, LessonPage, QuizQuestion
from ..models.webschool import LEVEL_ORDER, LEVELS


@dataclass(frozen=True)
class PathLesson:
    lesson: LessonPage
    course: CoursePage
    has_quiz: bool


def path_lessons(index) -> list[PathLesson]:
    """Every live lesson under the Webschool `index`, in learning order."""
    courses = {
        c.path: c
        for c in CoursePage.objects.live()
        .child_of(index)
        .only("pk", "title", "path", "url_path", "depth", "level")
    }
    lessons = (
        LessonPage.objects.live()
        .descendant_of(index)
        .only("pk", "title", "path", "url_path", "depth", "duration_minutes")
        .order_by("path")
    )
    with_quiz = set(QuizQuestion.objects.values_list("lesson_id", flat=True))
    items = [
        PathLesson(lesson, courses[lesson.path[:-4]], lesson.pk in with_quiz)
        for lesson in lessons
        if lesson.path[:-4] in courses
    ]
    items.sort(key=lambda i: (LEVEL_ORDER.get(i.course.level, 99), i.course.path))
    return items


def done_lesson_ids(user) -> set[int]:
    return set(
        LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)
    )


def _level_label(code: str) -> str:
    return str(dict(LEVELS).get(code, code))


def lesson_blocker(*, user, lesson, path=None, done=None) -> str:
    """Why `user` may not take `lesson` yet (French message), or "" if they may.

    Every quiz lesson of the earlier levels, then every earlier quiz lesson of
    the same course, must be done first.
    """
    if path is None:
        index_path = lesson.path[:-8]
        from ..models import WebschoolIndexPage

        index = WebschoolIndexPage.objects.filter(path=index_path).first()
        path = path_lessons(index) if index else []
    done = done_lesson_ids(user) if done is None else done
    me = next((item for item in path if item.lesson.pk == lesson.pk), None)
    if me is None:
        return ""
    my_level = LEVEL_ORDER.get(me.course.level, 99)
    earlier_levels = [
        item
        for item in path
        if LEVEL_ORDER.get(item.course.level, 99) < my_level
        and item.has_quiz
        and item.lesson.pk not in done
    ]
    if earlier_levels:
        missing = earlier_levels[0]
        return _(
            "First finish the “%(level)s” level (%(count)s lesson(s) left, "
            "starting with “%(lesson)s”)."
        ) % {
            "level": _level_label(missing.course.level),
            "count": len(earlier_levels),
            "lesson": missing.lesson.title,
        }
    for item in path:
        if item.lesson.pk == lesson.pk:
            break
        same_course = item.course.pk == me.course.pk
        if same_course and item.has_quiz and item.lesson.pk not in done:
            return _("First pass the quiz of the lesson “%(lesson)s”.") % {
                "lesson": item.lesson.title
            }
    return ""


def level_completed(*, path, done, level: str) -> bool:
    """All quiz lessons of `level` done (and the level has some)."""
    gating = [i for i in path if i.course.level == level and i.has_quiz]
    return bool(gating) and all(i.lesson.pk in done for i in gating)
