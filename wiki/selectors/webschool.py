"""Webschool reads: learning path by level, progress, training-hours report."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from ..models import LEVELS, CoursePage, LessonCompletion, LessonPage
from ..models.webschool import LEVEL_ORDER


def _lessons(index):
    return list(
        LessonPage.objects.live()
        .descendant_of(index)
        .only("pk", "title", "path", "url_path", "duration_minutes", "depth")
        .order_by("path")
    )


def webschool_home_data(*, index, user) -> dict:
    courses = sorted(
        CoursePage.objects.live().child_of(index),
        key=lambda c: (LEVEL_ORDER.get(c.level, 99), c.path),
    )
    lessons = _lessons(index)
    done = set(
        LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)
    )
    by_course = defaultdict(list)
    for lesson in lessons:
        by_course[lesson.path[: len(lesson.path) - 4]].append(lesson)
    levels = []
    for code, label in LEVELS:
        level_courses = []
        for course in (c for c in courses if c.level == code):
            items = [(lesson, lesson.pk in done) for lesson in by_course[course.path]]
            level_courses.append(
                {
                    "course": course,
                    "lessons": items,
                    "done": sum(1 for _l, d in items if d),
                    "minutes": sum(lesson.duration_minutes for lesson, _d in items),
                }
            )
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
            }
        )
    total = sum(level["total"] for level in levels)
    finished = sum(level["done"] for level in levels)
    my_minutes = (
        LessonCompletion.objects.filter(user=user).aggregate(m=Sum("minutes"))["m"] or 0
    )
    return {
        "levels": levels,
        "total_lessons": total,
        "done_lessons": finished,
        "percent": round(100 * finished / total) if total else 0,
        "my_hours": round(my_minutes / 60, 1),
    }


def course_data(*, course, user) -> dict:
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    done = set(
        LessonCompletion.objects.filter(
            user=user, lesson_id__in=[lesson.pk for lesson in lessons]
        ).values_list("lesson_id", flat=True)
    )
    return {
        "lessons": [(lesson, lesson.pk in done) for lesson in lessons],
        "done_count": len(done),
    }


def lesson_data(*, lesson, user) -> dict:
    siblings = list(
        LessonPage.objects.live().sibling_of(lesson, inclusive=True).order_by("path")
    )
    position = next((i for i, page in enumerate(siblings) if page.pk == lesson.pk), 0)
    return {
        "done": LessonCompletion.objects.filter(user=user, lesson=lesson).first(),
        "course": lesson.get_parent(),
        "previous": siblings[position - 1] if position > 0 else None,
        "next": siblings[position + 1] if position + 1 < len(siblings) else None,
        "position": position + 1,
        "count": len(siblings),
    }


def training_years() -> list[int]:
    years = (
        LessonCompletion.objects.annotate(year=ExtractYear("completed_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def training_hours_report(*, year: int) -> dict:
    """Hours per employee and level for one year (credited minutes / 60)."""
    level_of = dict(LessonPage.objects.values_list("pk", "path"))
    course_level = {
        course.path: course.level for course in CoursePage.objects.only("path", "level")
    }
    rows = (
        LessonCompletion.objects.filter(completed_at__year=year)
        .values("user_id", "lesson_id")
        .annotate(minutes=Sum("minutes"))
    )
    per_user: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        path = level_of.get(row["lesson_id"], "")
        level = course_level.get(path[:-4], "other")
        per_user[row["user_id"]][level] += row["minutes"]
        per_user[row["user_id"]]["lessons"] += 1
    users = get_user_model().objects.in_bulk(list(per_user))
    report = []
    for user_id, minutes in per_user.items():
        user = users.get(user_id)
        if user is None:
            continue
        by_level = {code: round(minutes.get(code, 0) / 60, 2) for code, _l in LEVELS}
        total = sum(minutes.get(code, 0) for code, _l in LEVELS)
        report.append(
            {
                "user": user,
                "name": user.get_full_name() or user.username,
                "by_level": by_level,
                "levels": [by_level[code] for code, _l in LEVELS],
                "lessons": minutes["lessons"],
                "hours": round(total / 60, 2),
            }
        )
    report.sort(key=lambda row: (-row["hours"], row["name"]))
    return {
        "year": year,
        "rows": report,
        "total_hours": round(sum(row["hours"] for row in report), 2),
        "levels": LEVELS,
    }
