"""A learner resumes a lesson, fails then passes its quiz and sees the hours;
a manager opens the report and downloads a certificate."""

import io

import pytest

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.wiki.webschool_helpers import build_school, pass_lesson
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import LessonCompletion, LessonPage, QuizAttempt, QuizQuestion


def _answer(page, *, right: bool):
    attempt = QuizAttempt.objects.get(submitted_at=None)
    for drawn in attempt.drawn:
        question = QuizQuestion.objects.get(pk=drawn["question"])
        good = question.right_indexes()
        picks = good if right else [i for i in drawn["order"] if i not in good][:1]
        for index in picks:
            page.check(f"#q{question.pk}-{index}")
    page.click(".quiz-form button[type=submit]")


@pytest.mark.django_db(transaction=True)
def test_learner_quiz_and_manager_report(daphne_server, page, new_context):
    learner = make_user("staff", roles.STAFF, first_name="Karim", last_name="Benali")
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Mona")
    _wiki, school = ensure_wiki_tree()
    lessons = build_school(school)
    lesson = LessonPage.objects.get(pk=lessons[0].pk)
    lesson.body = [("paragraph", "<p>Le panneau fait 2,50 m de large.</p>")]
    lesson.save_revision().publish()

    login(page, daphne_server, "staff")
    page.goto(daphne_server + lesson.url)  # bookmarked
    page.goto(daphne_server + "/webschool/")
    assert axe_violations(page) == []
    page.click(".resume a")
    page.wait_for_url(f"**{lesson.url}")
    assert axe_violations(page) == []
    screenshot(page, "webschool-lesson")

    # locked: the next level is refused with a clear message
    page.goto(daphne_server + lessons[2].url)
    page.locator(".lesson-locked").wait_for()
    assert "Initiation" in page.locator(".lesson-locked").inner_text()

    # fail, then pass
    page.goto(daphne_server + lesson.url)
    page.click("#quiz button[type=submit]")
    page.locator(".quiz-form").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "webschool-quiz")
    _answer(page, right=False)
    page.locator(".quiz-last").wait_for()
    assert "0 %" in page.locator(".quiz-last").inner_text()
    assert not LessonCompletion.objects.exists()
    page.click("#quiz button[type=submit]")
    page.locator(".quiz-form").wait_for()
    _answer(page, right=True)
    page.locator(".quiz-passed").wait_for()
    assert LessonCompletion.objects.get(user=learner).minutes == 30
    page.goto(daphne_server + "/webschool/")
    hours = page.locator("[data-stat=my-hours]").inner_text()
    assert hours.replace(",", ".") == "0.5 h"

    # the rest of the initiation level, then the manager's side
    pass_lesson(learner, lessons[1])
    manager = new_context(accept_downloads=True).new_page()
    login(manager, daphne_server, "manager")
    manager.goto(daphne_server + "/wiki/webschool/report/")
    manager.locator("table.training-people").wait_for()
    assert "Karim Benali" in manager.locator("table.training-people").inner_text()
    assert "Mona" in manager.locator("section.untrained").inner_text()
    assert axe_violations(manager) == []
    screenshot(manager, "webschool-report")
    with manager.expect_download() as download_info:
        manager.click("a.certificate-link")
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Karim Benali" in text and "Initiation" in text
