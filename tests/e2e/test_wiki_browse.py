import datetime

import pytest

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.wiki.conftest import make_article, make_category
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import ArticlePage, CoursePage, LessonCompletion, LessonPage


def build_wiki(expert):
    wiki, school = ensure_wiki_tree()
    traitements = make_category(wiki, "Traitements", slug="traitements")
    make_article(
        traitements,
        "Galvanisation à chaud",
        "Le zinc protège l'acier. Voir [[Rouille blanche]] et [[Clôture électrique]].",
        summary="Bain de zinc fondu à 450 °C : l'acier galvanisé ne rouille pas.",
        expert=expert,
        last_reviewed=datetime.date(2026, 3, 2),
        review_by=datetime.date(2027, 3, 2),
    )
    make_article(traitements, "Rouille blanche", "Dépôt après la galvanisation.")
    return wiki, school, traitements


# One test for the whole journey: the session-wide Daphne process caches
# ContentType ids, which a flush between transactional tests would make stale.
@pytest.mark.django_db(transaction=True)
def test_wiki_journey(daphne_server, page, new_context):
    expert = make_user("jdupont", roles.STAFF, first_name="Jean", last_name="Dupont")
    user = make_user("staff", roles.STAFF, first_name="Karim")
    make_user("editor", roles.STAFF, roles.EDITORS, first_name="Émile")
    wiki, school, _cat = build_wiki(expert)
    course = school.add_child(
        instance=CoursePage(title="Bien démarrer", level="initiation")
    )
    lesson = course.add_child(
        instance=LessonPage(title="Chercher sur le web", duration_minutes=30)
    )
    login(page, daphne_server, "staff")
    page.fill("#header-q", "galva")
    option = page.locator("#header-q-results [role=option]").first
    option.wait_for()
    assert page.get_attribute("#header-q", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert (
        page.get_attribute("#header-q", "aria-activedescendant") == "header-q-option-0"
    )
    screenshot(page, "wiki-autocomplete")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Galvanisation à chaud", exact=True).wait_for()
    assert "/wiki/traitements/galvanisation" in page.url
    page.locator(".article-expert").get_by_text("Jean Dupont").wait_for()
    page.locator(".article-reviewed").get_by_text("2 mars 2026").wait_for()
    assert page.locator("a.wikilink-missing").inner_text() == "Clôture électrique"
    assert axe_violations(page) == []
    screenshot(page, "wiki-article")
    page.fill("#header-q", "rouille")
    page.locator("#header-q-results [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#header-q-results").is_hidden()
    page.goto(daphne_server + wiki.url)
    page.get_by_role("heading", name="Catégories").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "wiki-home")
    page.goto(daphne_server + "/wiki/search/?q=galvanis%C3%A9")
    page.locator(".search-hit mark").first.wait_for()
    assert page.locator(".search-hit").count() == 2
    assert axe_violations(page) == []
    screenshot(page, "wiki-search")

    # a lesson shows its quiz; hours come from passing it (tests/e2e/test_webschool)
    page.goto(daphne_server + lesson.url)
    page.locator("#quiz").wait_for()
    assert not LessonCompletion.objects.filter(user=user, lesson=lesson).exists()
    page.goto(daphne_server + "/webschool/")
    page.get_by_text("0/1").first.wait_for()
    assert axe_violations(page) == []
    screenshot(page, "webschool-home")

    # an editor follows a red link and lands in the editor, title prefilled
    editor_page = new_context().new_page()
    login(editor_page, daphne_server, "editor")
    article = ArticlePage.objects.get(title="Galvanisation à chaud")
    editor_page.goto(daphne_server + article.url)
    editor_page.click("a.wikilink-missing")
    editor_page.wait_for_url("**/cms/pages/*/edit/")
    assert editor_page.input_value("#id_title") == "Clôture électrique"
    screenshot(editor_page, "wiki-red-link-editor")
