"""Webschool pages, the managers' report, its exports and the certificates."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from hub import roles
from tests.conftest import make_user
from wiki.models import Certificate, LessonPage

from .conftest import make_article, make_category
from .webschool_helpers import build_school, pass_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(wiki_tree):
    return wiki_tree[1], build_school(wiki_tree[1])


def test_lesson_links_to_existing_articles_are_not_red(
    client, staff_user, wiki, school
):
    category = make_category(wiki)
    article = make_article(category, "Garantie des produits", "Dix ans.")
    _school, lessons = school
    lesson = LessonPage.objects.get(pk=lessons[0].pk)
    lesson.body = [
        ("paragraph", "<p>Voir [[garantie des produits]] et [[Panneau absent]].</p>"),
        (
            "callout",
            {
                "kind": "info",
                "title": "",
                "text": "Lire [[Garantie des produits|la garantie]].",
            },
        ),
    ]
    lesson.save_revision().publish()
    client.force_login(staff_user)
    html = client.get(lesson.url).content.decode()
    assert f'class="wikilink" href="{article.url}"' in html
    assert html.count('class="wikilink" href=') == 2
    assert html.count("wikilink-missing") == 1  # the article that does not exist


def test_resume_where_i_was(client, staff_user, school):
    school_page, lessons = school
    client.force_login(staff_user)
    assert client.get(school_page.url).context["resume"] is None
    client.get(lessons[1].url)
    home = client.get(school_page.url)
    assert home.context["resume"].pk == lessons[1].pk
    assert lessons[1].url in home.content.decode()


def test_progress_counts_passed_quizzes(client, staff_user, school):
    school_page, lessons = school
    pass_lesson(staff_user, lessons[0])
    client.force_login(staff_user)
    home = client.get(school_page.url)
    levels = {lv["code"]: lv for lv in home.context["levels"]}
    assert (levels["initiation"]["done"], levels["initiation"]["total"]) == (1, 2)
    assert home.context["percent"] == 25 and home.context["my_hours"] == 0.5
    locked = {
        lesson.pk: lk
        for lesson, _d, lk in levels["prospection"]["courses"][0]["lessons"]
    }
    assert all(locked.values())


@pytest.fixture
def trained(school, staff_user, sales_user, manager_user):
    _school, lessons = school
    for lesson in lessons:  # 30 + 90 + 30 + 90 minutes, both levels done
        pass_lesson(staff_user, lesson)
    pass_lesson(sales_user, lessons[0])
    make_user("idle", roles.STAFF, first_name="Idle", last_name="Personne")
    return lessons


def test_report_numbers(client, manager_user, trained):
    client.force_login(manager_user)
    data = client.get("/wiki/webschool/report/").context
    rows = {r["user"].username: r for r in data["rows"]}
    assert rows["staff"]["hours"] == 4.0
    assert rows["staff"]["by_level"] == {
        "initiation": 2.0,
        "communication": 0,
        "prospection": 2.0,
    }
    assert rows["staff"]["goal_percent"] == 20  # 4 h of the 20 h personal goal
    assert rows["staff"]["completed_levels"] == {"initiation", "prospection"}
    assert rows["sales"]["hours"] == 0.5 and rows["sales"]["team"] == "Sales"
    assert data["total_hours"] == 4.5
    assert data["company_goal"] == 14000
    assert {r["user"].username for r in data["untrained"]} == {"idle", "manager"}
    teams = {t["name"]: t for t in data["teams"]}
    assert (
        teams["Staff"]["people"],
        teams["Staff"]["trained"],
        teams["Staff"]["hours"],
    ) == (2, 1, 4.0)
    assert teams["Staff"]["goal"] == 40
    year = timezone.now().year
    assert (
        client.get("/wiki/webschool/report/", {"year": year - 1}).context["rows"] == []
    )
    bad = client.get("/wiki/webschool/report/", {"year": "abc"})
    assert bad.status_code == 200 and bad.context["year"] == year


def test_report_and_exports_refused_to_staff(client, staff_user, trained):
    client.force_login(staff_user)
    for url in (
        "/wiki/webschool/report/",
        "/wiki/webschool/report.csv",
        "/wiki/webschool/report.xlsx",
    ):
        assert client.get(url).status_code == 403


def test_csv_export_is_formula_safe(client, manager_user, school):
    _school, lessons = school
    evil = get_user_model().objects.create_user(
        username="evil", first_name="=HYPERLINK(1)"
    )
    evil.groups.add(Group.objects.get(name=roles.STAFF))
    pass_lesson(evil, lessons[0])
    client.force_login(manager_user)
    response = client.get("/wiki/webschool/report.csv")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    evil_row = next(r for r in rows if r[1] == "evil")
    assert evil_row[0] == "'=HYPERLINK(1)"
    assert evil_row[4] == "0.5"  # initiation hours


def test_xlsx_export_has_typed_cells(client, manager_user, trained):
    from openpyxl import load_workbook

    client.force_login(manager_user)
    response = client.get("/wiki/webschool/report.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    people, teams = book.worksheets
    header = [c.value for c in people[1]]
    staff = next(row for row in people.iter_rows(min_row=2) if row[1].value == "staff")
    total = staff[
        header.index(
            next(h for h in header if h in ("Total hours", "Total des heures"))
        )
    ]
    assert (
        total.value == 4.0
        and total.data_type == "n"
        and total.number_format == '0.0 "h"'
    )
    assert staff[3].value == timezone.now().year and staff[3].data_type == "n"
    assert staff[0].data_type == "s"
    by_team = {
        row[0].value: [c.value for c in row] for row in teams.iter_rows(min_row=2)
    }
    assert by_team["Sales"][:4] == ["Sales", 1, 1, 0.5]
    assert by_team["Managers"][:4] == ["Managers", 1, 0, 0]


def test_certificate_pdf_and_verification(client, manager_user, trained, staff_user):
    from pypdf import PdfReader

    client.force_login(manager_user)
    url = f"/wiki/webschool/certificates/{staff_user.pk}/initiation.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    certificate = Certificate.objects.get(user=staff_user, level="initiation")
    assert "Staff" in text and "Initiation" in text
    assert "2,00" in text or "2.00" in text
    assert certificate.code in text
    assert f"/wiki/webschool/certificates/verify/{certificate.code}/" in text
    assert client.get(url).status_code == 200
    assert Certificate.objects.count() == 1  # issued once
    client.logout()
    check = client.get(
        f"/wiki/webschool/certificates/verify/{certificate.code.lower()}/"
    )
    assert check.status_code == 200 and "Staff" in check.content.decode()
    assert client.get("/wiki/webschool/certificates/verify/NOPE/").status_code == 404


def test_certificate_permission(client, staff_user, sales_user, admin_user, trained):
    url = f"/wiki/webschool/certificates/{staff_user.pk}/initiation.pdf"
    client.force_login(sales_user)  # another employee
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    client.force_login(staff_user)  # the learner's own certificate
    assert client.get(url).status_code == 200
    # A level not completed: no certificate.
    sales_url = f"/wiki/webschool/certificates/{sales_user.pk}/initiation.pdf"
    assert client.get(sales_url).status_code == 403
    client.force_login(admin_user)
    assert client.get(sales_url).status_code == 409
    assert (
        client.get(f"/wiki/webschool/certificates/{staff_user.pk}/nope.pdf").status_code
        == 404
    )
    assert not Certificate.objects.filter(user=sales_user).exists()
