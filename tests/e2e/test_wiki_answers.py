"""A staff member types sloppy questions in the wiki search and gets the right
section first: the answer card (link to the heading, expert, review date),
"Is this the answer?", "Did you mean …" in one click, and a way on when the
wiki has nothing. Axe on each state; screenshots wiki-answer*.png."""

import datetime

import pytest

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.wiki.conftest import make_article, make_category
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import AnswerFeedback


def build(expert):
    wiki, _school = ensure_wiki_tree()
    portails = make_category(wiki, "Portails et portillons", slug="portails")
    sav = make_category(wiki, "Service après-vente", slug="sav")
    make_article(
        portails,
        "Portail qui frotte au sol",
        summary="Des gonds affaissés ou desserrés : un réglage suffit le plus souvent.",
        expert=expert,
        last_reviewed=datetime.date(2026, 9, 15),
        body=[
            ("heading", {"text": "Régler les gonds", "level": "h2"}),
            (
                "paragraph",
                "<p>Desserrez le contre-écrou du gond du haut, remontez le vantail "
                "qui frotte par terre, resserrez.</p>",
            ),
        ],
    )
    make_article(
        portails,
        "Portail coulissant",
        summary="Le portail coulissant glisse le long de la clôture.",
    )
    make_article(
        sav,
        "Délais de livraison",
        summary="Stock : 48 à 72 h. Portails sur mesure : 4 à 6 semaines.",
    )


@pytest.mark.django_db(transaction=True)
def test_staff_get_the_answer_to_sloppy_questions(daphne_server, page):
    expert = make_user("cpetit", roles.STAFF, first_name="Claire", last_name="Petit")
    user = make_user("staff", roles.STAFF)
    build(expert)
    login(page, daphne_server, "staff")

    page.goto(daphne_server + "/wiki/search/")
    page.fill("#search-q", "mon portail frotte par terre")
    page.locator(".wiki-search-form button[type=submit]").click()
    card = page.locator("#answer-card")
    card.wait_for()
    link = card.locator("h2 a")
    assert "Portail qui frotte au sol" in link.inner_text()
    assert link.get_attribute("href").endswith("#regler-les-gonds")
    assert "Claire Petit" in card.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "wiki-answer-card")

    card.locator("button[value=yes]").click()
    page.wait_for_url("**/wiki/search/?q=*")
    page.locator("main .alert-success").wait_for()
    vote = AnswerFeedback.objects.get()
    assert (vote.user, vote.helpful, vote.anchor) == (user, True, "regler-les-gonds")

    link = page.locator("#answer-card h2 a")
    link.click()
    page.wait_for_url("**/portail-qui-frotte-au-sol/#regler-les-gonds")
    page.locator("#regler-les-gonds").wait_for()

    page.goto(daphne_server + "/wiki/search/?q=portial%20coulisant")
    suggestion = page.locator("#search-suggestion a")
    suggestion.wait_for()
    assert suggestion.inner_text() == "portail coulissant"
    assert axe_violations(page) == []
    screenshot(page, "wiki-answer-suggestion")
    suggestion.click()
    page.wait_for_url("**q=portail%20coulissant*")
    assert "Portail coulissant" in page.locator("#answer-card h2").inner_text()

    page.fill("#search-q", "combien de temps pour la livraison ?")
    page.locator(".wiki-search-form button[type=submit]").click()
    page.wait_for_url("**q=combien*")
    assert "Délais de livraison" in page.locator("#answer-card h2").inner_text()

    page.goto(daphne_server + "/wiki/search/?q=xqzw%20blorp")
    way_on = page.locator("#search-way-on")
    way_on.wait_for()
    assert page.locator("#answer-card").count() == 0
    assert way_on.locator(".category-links a").count() == 2
    assert axe_violations(page) == []
    screenshot(page, "wiki-answer-way-on")
