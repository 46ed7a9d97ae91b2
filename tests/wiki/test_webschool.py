import csv
import io

import pytest

from wiki.models import CoursePage, LessonCompletion, LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(wiki_tree):
    school = wiki_tree[1]
    lessons = []
    for level, title in (("initiation", "Débuter"), ("prospection", "Prospecter")):
        course = school.add_child(instance=CoursePage(title=title, level=level))
        for n, minutes in enumerate((30, 90)):
            lesson = course.add_child(
                instance=LessonPage(title=f"{title} {n}", duration_minutes=minutes)
            )
            lessons.append(lesson)
    return school, lessons


def test_mark_done_and_progress(client, staff_user, school):
    school_page, lessons = school
    client.force_login(staff_user)
    response = client.post(f"/wiki/webschool/lessons/{lessons[1].pk}/done/")
    assert response.status_code == 302
    client.post(f"/wiki/webschool/lessons/{lessons[1].pk}/done/")  # idempotent
    completion = LessonCompletion.objects.get()
    assert (completion.user, completion.minutes) == (staff_user, 90)
    home = client.get(school_page.url)
    levels = {lv["code"]: lv for lv in home.context["levels"]}
    assert (levels["initiation"]["done"], levels["initiation"]["total"]) == (1, 2)
    assert levels["initiation"]["percent"] == 50
    assert levels["prospection"]["done"] == 0
    assert home.context["percent"] == 25
    lesson_page = client.get(lessons[1].url)
    assert lesson_page.context["done"] == completion
    client.post(f"/wiki/webschool/lessons/{lessons[1].pk}/done/", {"undo": "1"})
    assert not LessonCompletion.objects.exists()


def test_mark_done_refusals(client, outsider_user, staff_user, school):
    _school, lessons = school
    url = f"/wiki/webschool/lessons/{lessons[0].pk}/done/"
    assert client.post(url).status_code == 302  # anonymous → login
    client.force_login(outsider_user)
    assert client.post(url).status_code == 403
    client.force_login(staff_user)
    assert client.get(url).status_code == 405
    assert client.post("/wiki/webschool/lessons/999999/done/").status_code == 404
    assert not LessonCompletion.objects.exists()


def test_mark_done_needs_csrf(staff_user, school):
    from django.test import Client

    _school, lessons = school
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_user)
    response = strict.post(f"/wiki/webschool/lessons/{lessons[0].pk}/done/")
    assert response.status_code == 403


def test_hours_report_for_managers_only(
    client, manager_user, staff_user, sales_user, school
):
    from django.utils import timezone

    from wiki.services import lesson_mark_done

    _school, lessons = school
    for lesson in lessons[:3]:
        lesson_mark_done(user=staff_user, lesson=lesson)
    lesson_mark_done(user=sales_user, lesson=lessons[3])
    year = timezone.now().year
    client.force_login(staff_user)
    assert client.get("/wiki/webschool/report/").status_code == 403
    assert client.get("/wiki/webschool/report.csv").status_code == 403
    client.force_login(manager_user)
    response = client.get("/wiki/webschool/report/", {"year": year})
    rows = {r["user"].username: r for r in response.context["rows"]}
    assert rows["staff"]["hours"] == 2.5  # 30 + 90 + 30 minutes
    assert rows["staff"]["by_level"] == {
        "initiation": 2.0,
        "communication": 0,
        "prospection": 0.5,
    }
    assert rows["sales"]["hours"] == 1.5
    assert response.context["total_hours"] == 4.0
    assert (
        client.get("/wiki/webschool/report/", {"year": year - 1}).context["rows"] == []
    )
    bad = client.get("/wiki/webschool/report/", {"year": "abc"})
    assert bad.status_code == 200 and bad.context["year"] == year


def test_hours_csv_is_formula_safe(client, manager_user, school):
    from django.contrib.auth import get_user_model

    from wiki.services import lesson_mark_done

    _school, lessons = school
    evil = get_user_model().objects.create_user(
        username="evil", first_name="=HYPERLINK(1)", last_name=""
    )
    lesson_mark_done(user=evil, lesson=lessons[0])
    client.force_login(manager_user)
    response = client.get("/wiki/webschool/report.csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] in ("Employee", "Salarié")
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][-1] == "0,50"
