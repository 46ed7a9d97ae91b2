"""The managers' training report: hours per person, team and level for a
year, against the company's and each person's target; who has not trained.

Hours come from evidence only: lesson completions (a passed quiz) and live
class attendances that reached the presence threshold. Teams are the hub's
groups (roles), the one team notion every employee has.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from hub import roles

from ..models import (
    LEVELS,
    CoursePage,
    LessonCompletion,
    LessonPage,
    LiveClassAttendance,
    WebschoolIndexPage,
)
from .learning_path import level_completed, path_lessons


def training_years() -> list[int]:
    lessons = LessonCompletion.objects.annotate(y=ExtractYear("completed_at"))
    live = LiveClassAttendance.objects.annotate(y=ExtractYear("computed_at"))
    years = set(lessons.values_list("y", flat=True)) | set(
        live.values_list("y", flat=True)
    )
    return sorted(years, reverse=True)


def _minutes_by_user_level(year: int) -> dict[int, dict[str, int]]:
    course_level = dict(CoursePage.objects.values_list("path", "level"))
    lesson_path = dict(LessonPage.objects.values_list("pk", "path"))
    minutes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    completions = (
        LessonCompletion.objects.filter(completed_at__year=year)
        .values("user_id", "lesson_id")
        .annotate(m=Sum("minutes"))
    )
    for row in completions:
        level = course_level.get(lesson_path.get(row["lesson_id"], "")[:-4], "other")
        minutes[row["user_id"]][level] += row["m"]
        minutes[row["user_id"]]["lessons"] += 1
    live = (
        LiveClassAttendance.objects.filter(
            computed_at__year=year, minutes_credited__gt=0
        )
        .values("user_id", "live_class__course__level")
        .annotate(m=Sum("minutes_credited"))
    )
    for row in live:
        minutes[row["user_id"]][row["live_class__course__level"]] += row["m"]
        minutes[row["user_id"]]["live"] += row["m"]
    return minutes


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _employees():
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .prefetch_related("groups")
        .order_by("last_name", "first_name", "username")
    )
    return [user for user in users if _is_employee(user)]


def _is_employee(user) -> bool:
    user._hub_group_names = frozenset(g.name for g in user.groups.all())
    return roles.is_staff_member(user)


def _team(user) -> str:
    """A person's team: their most specific role (a manager who also sells
    counts with the managers), Staff for everyone else."""
    for role in (roles.MANAGERS, roles.EDITORS, roles.SALES):
        if role in user._hub_group_names:
            return role
    return roles.STAFF


def training_hours_report(*, year: int) -> dict:
    index = WebschoolIndexPage.objects.first()
    person_goal = index.person_hours_goal if index else 0
    company_goal = index.annual_hours_goal if index else 0
    minutes = _minutes_by_user_level(year)
    completed = _completed_levels(index)
    rows = []
    for user in _employees():
        mine = minutes.get(user.pk, {})
        by_level = {code: _hours(mine.get(code, 0)) for code, _l in LEVELS}
        total = _hours(sum(mine.get(code, 0) for code, _l in LEVELS))
        rows.append(
            {
                "user": user,
                "name": user.get_full_name() or user.username,
                "team": _team(user),
                "by_level": by_level,
                "levels": [by_level[code] for code, _l in LEVELS],
                "lessons": mine.get("lessons", 0),
                "live_hours": _hours(mine.get("live", 0)),
                "hours": total,
                "goal_percent": round(100 * total / person_goal) if person_goal else 0,
                "completed_levels": completed.get(user.pk, set()),
            }
        )
    trained = [row for row in rows if row["hours"] > 0]
    trained.sort(key=lambda row: (-row["hours"], row["name"]))
    total_hours = round(sum(row["hours"] for row in rows), 2)
    return {
        "year": year,
        "rows": trained,
        "untrained": [row for row in rows if row["hours"] == 0],
        "teams": _teams(rows, person_goal),
        "total_hours": total_hours,
        "company_goal": company_goal,
        "company_percent": round(100 * total_hours / company_goal)
        if company_goal
        else 0,
        "person_goal": person_goal,
        "levels": LEVELS,
    }


def _completed_levels(index) -> dict[int, set[str]]:
    """Per user, the levels whose quizzes are all passed (certificate ready)."""
    if index is None:
        return {}
    path = path_lessons(index)
    done: dict[int, set[int]] = defaultdict(set)
    for user_id, lesson_id in LessonCompletion.objects.values_list(
        "user_id", "lesson_id"
    ):
        done[user_id].add(lesson_id)
    return {
        user_id: {
            code
            for code, _label in LEVELS
            if level_completed(path=path, done=lessons, level=code)
        }
        for user_id, lessons in done.items()
    }


def _teams(rows, person_goal: int) -> list[dict]:
    teams: dict[str, list] = defaultdict(list)
    for row in rows:
        teams[row["team"]].append(row)
    result = []
    for name, members in sorted(teams.items()):
        hours = round(sum(m["hours"] for m in members), 2)
        goal = person_goal * len(members)
        result.append(
            {
                "name": name,
                "people": len(members),
                "trained": sum(1 for m in members if m["hours"] > 0),
                "hours": hours,
                "goal": goal,
                "goal_percent": round(100 * hours / goal) if goal else 0,
            }
        )
    return result


def certificate_hours(*, user, level: str) -> Decimal:
    """All hours ever credited to `user` at `level` (the certificate's figure)."""
    course_level = dict(CoursePage.objects.values_list("path", "level"))
    lesson_path = dict(LessonPage.objects.values_list("pk", "path"))
    minutes = sum(
        m
        for lesson_id, m in LessonCompletion.objects.filter(user=user).values_list(
            "lesson_id", "minutes"
        )
        if course_level.get(lesson_path.get(lesson_id, "")[:-4]) == level
    )
    minutes += (
        LiveClassAttendance.objects.filter(
            user=user, live_class__course__level=level
        ).aggregate(m=Sum("minutes_credited"))["m"]
        or 0
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))
