"""Customers and editors around the answer engine (issue 15, items 4 and 5):

- a customer on a microsite types a sloppy question in the box and reads the
  public passage in place; internal content never shows; "No" offers the
  callback, which becomes a lead visible in the war room with the question;
- the same without JavaScript (plain forms, own URLs);
- an editor sees a zero-result search in the demand queue and closes it by
  picking the article that answers it (search as you type).
Selectors are structural (data-*): the new strings get French later."""

import pytest

from demand.models import DemandItem
from hub import roles
from microsites.models import SiteBranding
from microsites.services import microsite_create
from prospecting.models import Lead
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.microsites.conftest import add_product
from tests.wiki.conftest import make_article, make_category
from wiki.bootstrap import ensure_wiki_tree

HOST = "portails-bordeaux.localhost"
SECRET = "PRIXACHAT-INTERNE-42"


def _site():
    site = microsite_create(name="Portails Bordeaux", hostname=HOST)
    SiteBranding.objects.filter(site=site).update(
        primary_color="#7a1f1f", accent_color="#1f5f7a", phone="05 56 12 34 00"
    )
    add_product(site.root_page, "Portail coulissant", "portail-coulissant")
    return site


def _articles():
    wiki, _school = ensure_wiki_tree()
    category = make_category(wiki, "Service client", slug="service-client")
    make_article(
        category,
        "Délais de livraison",
        summary="La livraison prend trois semaines après la commande.",
        answer_customers=True,
        body=[
            (
                "heading",
                {"text": "Marge transport", "level": "h2", "audience": "staff"},
            ),
            ("paragraph", f"<p>Coût livraison réel : {SECRET}.</p>"),
        ],
    )
    make_article(
        category, "Remise revendeur", summary=f"Remise revendeur : {SECRET} %."
    )
    return category


def _url(daphne_server, path="/"):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://{HOST}:{port}{path}"


@pytest.mark.django_db(transaction=True)
def test_customer_question_answer_and_callback_to_the_war_room(
    daphne_server, new_context
):
    _site()
    _articles()
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS)
    visitor = new_context().new_page()
    visitor.goto(_url(daphne_server, "/portail-coulissant/"))
    visitor.locator("[data-question-box] input[name=q]").fill("delai de livraison ?")
    visitor.locator("[data-question-form] button[type=submit]").click()
    answer = visitor.locator("[data-question-result] [data-answer-text]")
    answer.wait_for()
    assert "trois semaines" in answer.inner_text()
    assert "Délais de livraison" in visitor.locator("[data-answer-source]").inner_text()
    assert "/portail-coulissant/" in visitor.url  # answered in place
    assert SECRET not in visitor.content()
    assert axe_violations(visitor) == []
    screenshot(visitor, "questions-answer-in-place")

    visitor.locator("[data-vote=no]").click()
    callback = visitor.locator("[data-question-result] [data-callback]")
    callback.wait_for()
    assert axe_violations(visitor) == []
    callback.locator("input[name=name]").fill("Jeanne Martin")
    callback.locator("input[name=phone]").fill("06 12 34 56 78")
    callback.locator("input[name=consent]").check()
    screenshot(visitor, "questions-callback")
    callback.locator("[data-callback-send]").click()
    visitor.locator("[data-callback-sent]").wait_for()
    assert axe_violations(visitor) == []
    screenshot(visitor, "questions-callback-sent")

    lead = Lead.objects.get()
    assert lead.attribution["question"] == "delai de livraison ?"
    manager = new_context().new_page()
    login(manager, daphne_server, "manager")
    manager.goto(daphne_server + "/war-room/list/")
    manager.locator(f'main a[href="/war-room/leads/{lead.pk}/"]').first.click()
    assert "delai de livraison ?" in manager.locator(".wr-note").inner_text()
    manager.locator(".timeline .wr-received summary").click()  # what was sent
    assert "delai de livraison ?" in manager.locator(".timeline").inner_text()
    assert "Portails Bordeaux" in manager.locator(".wr-attribution").inner_text()
    screenshot(manager, "questions-lead-in-war-room")


@pytest.mark.django_db(transaction=True)
def test_without_javascript_and_internal_content_never_shown(
    daphne_server, new_context
):
    _site()
    _articles()
    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto(_url(daphne_server))
    visitor.locator("[data-question-box] input[name=q]").fill("remise revendeur")
    visitor.locator("[data-question-form] button[type=submit]").click()
    visitor.wait_for_url("**/questions/?*")
    visitor.locator("[data-no-answer]").wait_for()
    assert SECRET not in visitor.content()
    assert "Remise revendeur" not in visitor.content()
    assert visitor.locator("[data-callback]").count() == 1
    no_answer_url = visitor.url
    screenshot(visitor, "questions-no-answer-no-js")

    visitor.locator(".ms-ask-page [data-question-form] input[name=q]").fill(
        "delai livraison"
    )
    visitor.locator(".ms-ask-page [data-question-form] button[type=submit]").click()
    visitor.locator("[data-answer-text]").wait_for()
    visitor.locator("[data-vote=yes]").click()
    visitor.locator("[data-voted=yes]").wait_for()
    voted_url = visitor.url
    assert DemandItem.objects.get().customers == 1  # the unanswered one only

    # axe runs as a script: the same pages in a browser with JavaScript
    checker = new_context().new_page()
    for url in (no_answer_url, voted_url):
        checker.goto(url)
        checker.locator("[data-question-answer]").wait_for()
        assert axe_violations(checker) == []


@pytest.mark.django_db(transaction=True)
def test_editor_closes_a_zero_result_search_from_the_queue(daphne_server, new_context):
    category = _articles()
    make_article(category, "Grillage anti-kangourou", summary="Haut de 2,5 m.")
    make_user("staff", roles.STAFF)
    make_user("editor", roles.STAFF, roles.EDITORS)
    reader = new_context().new_page()
    login(reader, daphne_server, "staff")
    reader.goto(daphne_server + "/wiki/search/?q=marsupial+sauteur")
    assert DemandItem.objects.filter(label="marsupial sauteur").exists()

    editor = new_context().new_page()
    login(editor, daphne_server, "editor")
    editor.goto(daphne_server + "/wiki/")
    badge = editor.locator("[data-nav=demand] [data-nav-badge] [aria-hidden=true]")
    assert badge.inner_text() == "1"
    editor.locator("[data-nav=demand]").click()
    row = editor.locator("[data-demand-queue] tr[data-item]")
    row.first.wait_for()
    assert "marsupial sauteur" in row.first.inner_text()
    assert axe_violations(editor) == []
    screenshot(editor, "demand-queue")
    row.first.locator("a").click()
    editor.locator("[data-item-label]").wait_for()
    editor.locator("[data-find-input]").fill("kangourou")  # search as you type
    button = editor.locator("[data-candidates-list] [data-answer-with]")
    button.first.wait_for()
    assert axe_violations(editor) == []
    screenshot(editor, "demand-item")
    button.first.click()
    editor.wait_for_url("**/wiki/demand/")
    editor.locator("[data-demand-queue]").wait_for()
    assert editor.locator("tr[data-item]").count() == 0
    editor.locator("[data-status=answered]").click()
    closed = editor.locator("tr[data-item] [data-closed=article]")
    closed.wait_for()
    assert "Grillage anti-kangourou" in closed.inner_text()
    assert axe_violations(editor) == []
    item = DemandItem.objects.get()
    assert (item.status, item.closed_by.username) == ("answered", "editor")


@pytest.mark.django_db(transaction=True)
def test_home_page_faq_answers_from_the_wiki_with_the_keyboard(
    daphne_server, new_context
):
    from tests.microsites.test_faq import faq_graph, put_faq
    from wiki.models import ArticlePage

    site = _site()
    _articles()
    delivery = ArticlePage.objects.get(title="Délais de livraison")
    internal = ArticlePage.objects.get(title="Remise revendeur")
    put_faq(
        site,
        [
            ("Vous livrez où ?", delivery, ""),
            ("Quel délai pour être livré ?", delivery, ""),
            ("Votre remise ?", internal, ""),
        ],
    )
    visitor = new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(_url(daphne_server))
    items = visitor.locator(".ms-faq details")
    assert items.count() == 2  # the staff-only article answers nobody
    assert "trois semaines" in items.nth(0).inner_text()  # the first one is open
    second = items.nth(1)
    assert not second.evaluate("el => el.open")
    second.locator("summary").focus()
    visitor.keyboard.press("Enter")
    assert second.evaluate("el => el.open")
    assert "trois semaines" in second.locator(".ms-faq-answer").inner_text()
    assert SECRET not in visitor.content()
    (faq,) = faq_graph(visitor.content())
    assert len(faq["mainEntity"]) == 2
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(visitor) == []
    screenshot(visitor, "microsite-faq-phone")
