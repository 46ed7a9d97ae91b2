"""Webschool reads: the learning path by level, progress, a lesson's page."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum
from django.utils import timezone

from ..links import body_link_texts, find_titles, title_key
from ..models import (
    LEVELS,
    ArticlePage,
    CoursePage,
    LessonBookmark,
    LessonCompletion,
    LiveClass,
    LiveClassAttendance,
)
from .learning_path import (
    done_lesson_ids,
    lesson_blocker,
    level_completed,
    path_lessons,
)
from .quiz import quiz_state


def credited_minutes(user) -> int:
    """Training minutes credited to `user` on evidence (quizzes, live classes)."""
    lessons = LessonCompletion.objects.filter(user=user).aggregate(m=Sum("minutes"))[
        "m"
    ]
    live = LiveClassAttendance.objects.filter(user=user).aggregate(
        m=Sum("minutes_credited")
    )["m"]
    return (lessons or 0) + (live or 0)


def upcoming_live_classes(*, course=None, limit: int = 5) -> list[LiveClass]:
    """Classes not over yet (the one running now included), soonest first."""
    now = timezone.now()
    classes = (
        LiveClass.objects.filter(attendance_computed_at__isnull=True)
        .select_related("trainer", "room", "course")
        .order_by("starts_at")
    )
    if course is not None:
        classes = classes.filter(course=course)
    return [c for c in classes[: limit * 3] if c.ends_at > now and not c.is_over][
        :limit
    ]


def resume_lesson(user):
    bookmark = (
        LessonBookmark.objects.filter(user=user, lesson__live=True)
        .select_related("lesson")
        .first()
    )
    return bookmark.lesson if bookmark else None


def webschool_home_data(*, index, user) -> dict:
    path = path_lessons(index)
    done = done_lesson_ids(user)
    by_course = defaultdict(list)
    for item in path:
        locked = bool(
            lesson_blocker(user=user, lesson=item.lesson, path=path, done=done)
        )
        by_course[item.course.pk].append((item.lesson, item.lesson.pk in done, locked))
    courses = sorted(
        {item.course.pk: item.course for item in path}.values(), key=lambda c: c.path
    )
    courses += [
        c for c in CoursePage.objects.live().child_of(index) if c.pk not in by_course
    ]
    levels = []
    for code, label in LEVELS:
        level_courses = [
            {
                "course": course,
                "lessons": by_course[course.pk],
                "done": sum(1 for _l, d, _k in by_course[course.pk] if d),
                "minutes": sum(
                    lesson.duration_minutes for lesson, *_ in by_course[course.pk]
                ),
            }
            for course in courses
            if course.level == code
        ]
        total = sum(len(c["lessons"]) for c in level_courses)
        finished = sum(c["done"] for c in level_courses)
        levels.append(
            {
                "code": code,
                "label": label,
                "courses": level_courses,
                "total": total,
                "done": finished,
                "percent": round(100 * finished / total) if total else 0,
                "completed": level_completed(path=path, done=done, level=code),
            }
        )
    total = sum(level["total"] for level in levels)
    finished = sum(level["done"] for level in levels)
    return {
        "levels": levels,
        "total_lessons": total,
        "done_lessons": finished,
        "percent": round(100 * finished / total) if total else 0,
        "my_hours": round(credited_minutes(user) / 60, 1),
        "resume": resume_lesson(user),
        "live_classes": upcoming_live_classes(),
    }


def course_data(*, course, user) -> dict:
    index = course.get_parent()
    path = path_lessons(index)
    done = done_lesson_ids(user)
    lessons = [
        (
            item.lesson,
            item.lesson.pk in done,
            bool(lesson_blocker(user=user, lesson=item.lesson, path=path, done=done)),
        )
        for item in path
        if item.course.pk == course.pk
    ]
    return {
        "lessons": lessons,
        "done_count": sum(1 for _l, d, _k in lessons if d),
        "live_classes": upcoming_live_classes(course=course),
    }


def lesson_link_map(lesson, request=None) -> dict:
    """title_key → (url, title) of the live articles the lesson's [[links]] name.

    Articles keep resolved WikiLink rows; lessons have none, so their links are
    resolved here, at render time, against the live articles' titles.
    """
    wanted = {
        title_key(title)
        for text in body_link_texts(lesson.body)
        for title in find_titles(text)
    }
    if not wanted:
        return {}
    result = {}
    for article in ArticlePage.objects.live().only("pk", "title", "url_path", "path"):
        key = title_key(article.title)
        if key in wanted and key not in result:
            result[key] = (article.get_url(request), article.title)
    return result


def lesson_data(*, lesson, user, request=None) -> dict:
    course = lesson.get_parent()
    path = path_lessons(course.get_parent())
    siblings = [item.lesson for item in path if item.course.pk == course.pk]
    position = next((i for i, page in enumerate(siblings) if page.pk == lesson.pk), 0)
    blocker = lesson_blocker(user=user, lesson=lesson, path=path)
    return {
        "done": LessonCompletion.objects.filter(user=user, lesson=lesson).first(),
        "course": course,
        "blocker": blocker,
        "quiz": None if blocker else quiz_state(user=user, lesson=lesson),
        "wiki_link_map": lesson_link_map(lesson, request),
        "previous": siblings[position - 1] if position > 0 else None,
        "next": siblings[position + 1] if position + 1 < len(siblings) else None,
        "position": position + 1,
        "count": len(siblings),
    }
