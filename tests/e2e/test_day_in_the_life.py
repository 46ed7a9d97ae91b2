"""A day in the life of the hub, in real browsers on one live Daphne server.

A customer browses a microsite and asks for a quote; Jean the welder (Staff)
logs a prospect with the bookmarklet; Sophie (Sales) sees both arrive live on
her board, merges a duplicate, opens a video call about the customer's lead and
admits the customer from the lobby; Émile (Editors) turns a search nobody could
answer into an article; Hélène (Manager) reads the website-vs-war-room split.
Each step leaves a screenshot in test-artifacts/day-*.png.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from hub import roles
from microsites.services import microsite_create
from prospecting.models import Lead
from prospecting.services import lead_intake
from tests.conftest import login, make_user, screenshot
from tests.microsites.conftest import add_product
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import ArticlePage, WikiCategoryPage
from wiki.services import category_apply_review_policy

from .test_video_room import wait_connected

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "portail coulissant motorisé"
# Keeps every WebSocket the page opens in window.__sockets, so the test can cut one.
RECORD_SOCKETS = """(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    window.__sockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();"""
BOARD_SOCKETS = "window.__sockets.filter((s) => s.url.endsWith('/ws/war-room/'))"


def _world():
    make_user("jdupont", roles.STAFF, first_name="Jean", last_name="Dupont")
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    make_user("editor", roles.STAFF, roles.EDITORS, first_name="Émile")
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène")
    site = microsite_create(
        name="Portails Bordeaux", hostname="portails-bordeaux.localhost"
    )
    add_product(site.root_page, "Portail coulissant", "portail-coulissant")
    wiki, _school = ensure_wiki_tree()
    category = wiki.add_child(
        instance=WikiCategoryPage(
            title="Portails", slug="portails", requires_review=False
        )
    )
    category_apply_review_policy(category=category)  # Editors publish here
    # An old duplicate of the welder's find, typed in by hand last month.
    # quiet: a broadcast from the test process would not reach the server anyway.
    return lead_intake(
        source="other",
        company={"name": "Haras des Landes (ancien)", "siren": "732829320"},
        quiet=True,
    ).lead


def _microsite(daphne_server, path="/"):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://portails-bordeaux.localhost:{port}{path}"


def _fail_on_dialog(page):
    def fail(dialog):
        dialog.dismiss()
        raise AssertionError(f"unexpected dialog: {dialog.message}")

    page.on("dialog", fail)
    return page


def test_a_day_in_the_life(daphne_server, new_context):
    old_duplicate = _world()

    # 08:30 Sophie opens her board; it stays open all day.
    board_context = new_context()
    board_context.add_init_script(RECORD_SOCKETS)
    board = _fail_on_dialog(board_context.new_page())
    login(board, daphne_server, "sales")
    board.goto(daphne_server + "/war-room/")
    board.locator("#board[data-live=open]").wait_for()
    screenshot(board, "day-01-board-morning")

    # 09:00 A customer browses the microsite and asks for a quote.
    customer = _fail_on_dialog(new_context().new_page())
    customer.goto(_microsite(daphne_server, "/portail-coulissant/?utm_source=google"))
    customer.get_by_role("heading", level=1, name="Portail coulissant").wait_for()
    screenshot(customer, "day-02-customer-product")
    customer.get_by_role("link", name="Demander un devis").first.click()
    customer.wait_for_load_state()  # contact.js (deferred) handles a fast submit
    customer.get_by_label("Nom et prénom").fill("Jeanne Martin")
    customer.get_by_label("Société").fill("Résidence Les Pins")
    customer.get_by_label("E-mail").fill("jeanne@lespins.example")
    customer.get_by_label("Téléphone").fill("06 12 34 56 78")
    customer.get_by_label("Votre projet").fill("Portail coulissant de 4 m, motorisé.")
    customer.get_by_role("button", name="Envoyer ma demande").click()
    customer.locator("[data-contact-sent]").wait_for()
    screenshot(customer, "day-03-customer-quote-sent")

    # 10:15 Jean the welder logs a prospect from a web page with the bookmarklet.
    welder = _fail_on_dialog(new_context().new_page())
    login(welder, daphne_server, "jdupont")
    welder.goto(daphne_server + "/war-room/bookmarklet/")
    assert welder.get_attribute("#bookmarklet-link", "href").startswith("javascript:")
    params = {
        "popup": "1",
        "url": "https://www.haras-des-landes.fr/contact",
        "title": "Haras des Landes",
        "selection": "Nous cherchons 600 m de clôture équestre",
    }
    welder.goto(f"{daphne_server}/war-room/add/?{urlencode(params)}")
    welder.fill("#id_website", "www.haras-des-landes.fr")
    welder.click("form.card button[type=submit]")
    welder.get_by_role("heading", name="Trouvaille enregistrée").wait_for()
    screenshot(welder, "day-04-welder-quick-add")

    # Both arrive on Sophie's board without a reload.
    website_lead = Lead.objects.get(company__name="Résidence Les Pins")
    welder_lead = Lead.objects.get(company__name="Haras des Landes")
    assert (website_lead.source, welder_lead.source) == ("website", "war_room")
    board.locator(f"#lead-{website_lead.pk}").wait_for()
    board.locator(f"#lead-{welder_lead.pk}").wait_for()
    screenshot(board, "day-05-board-live")

    # The network drops the board's socket: it reconnects by itself, and the next
    # find shows up once, with no card doubled.
    board.evaluate(f"{BOARD_SOCKETS}.forEach((s) => s.close())")
    board.wait_for_function(f"() => {BOARD_SOCKETS}.length === 2")
    board.locator("#board[data-live=open]").wait_for()
    welder.goto(
        f"{daphne_server}/war-room/add/?popup=1&title=Golf%20de%20la%20For%C3%AAt"
    )
    welder.click("form.card button[type=submit]")
    welder.get_by_role("heading", name="Trouvaille enregistrée").wait_for()
    golf = Lead.objects.get(company__name="Golf de la Forêt")
    board.locator(f"#lead-{golf.pk}").wait_for()
    # Two events for one lead in a row (e.g. created, then a note) arrive together.
    event = {"type": "lead", "action": "updated", "lead_id": golf.pk, "stage_id": 0}
    board.evaluate(
        """([sockets, event]) => {
          // Worst case: both card requests answer before either body is read,
          // and the count ticks once the code after each read has run.
          window.__cardsRead = 0;
          let fetched = 0;
          let bothFetched;
          const ready = new Promise((resolve) => { bothFetched = resolve; });
          const fetch = window.fetch;
          window.fetch = async (...args) => {
            const response = await fetch(...args);
            if (++fetched === 2) bothFetched();
            return response;
          };
          const text = Response.prototype.text;
          Response.prototype.text = async function () {
            await ready;
            const body = await text.call(this);
            setTimeout(() => { window.__cardsRead += 1; }, 0);
            return body;
          };
          const socket = window.__sockets.filter((s) => s.url.endsWith(sockets)).pop();
          for (let i = 0; i < 2; i++) {
            const data = JSON.stringify(event);
            socket.dispatchEvent(new MessageEvent("message", { data }));
          }
        }""",
        ["/ws/war-room/", event],
    )
    board.wait_for_function("() => window.__cardsRead === 2")
    for lead in (golf, website_lead, welder_lead):
        assert board.locator(f"#lead-{lead.pk}").count() == 1

    # 11:00 She merges last month's duplicate into Jean's find.
    board.goto(f"{daphne_server}/war-room/leads/{welder_lead.pk}/")
    board.get_by_label("Numéro du lead à fusionner dans celui-ci").fill(
        str(old_duplicate.pk)
    )
    board.get_by_role("button", name="Fusionner").click()
    # Side by side, a choice per differing field: keep Jean's, take the SIREN.
    board.get_by_role("heading", name="Fusionner deux leads").wait_for()
    screenshot(board, "day-06a-merge-compare")
    board.get_by_role(
        "button", name=f"Fusionner #{old_duplicate.pk} dans #{welder_lead.pk}"
    ).click()
    board.locator(".alert-success").first.wait_for()
    board.get_by_role("button", name="Annuler la fusion").wait_for()
    screenshot(board, "day-06-merged")
    old_duplicate.refresh_from_db()
    assert old_duplicate.deleted_at is not None or old_duplicate.merged_into_id

    # 14:00 She calls the customer: video room, invite link, lobby, admitted.
    board.goto(f"{daphne_server}/war-room/leads/{website_lead.pk}/")
    board.get_by_role("button", name="Démarrer un appel vidéo").click()
    board.wait_for_url("**/video/*/")
    room_path = board.url.split(daphne_server, 1)[1]
    board.locator("#room-status", has_text="Connecté").wait_for()
    invites = board.context.new_page()
    invites.goto(f"{daphne_server}{room_path}invites/")
    invites.fill("#id_guest_label", "Mme Martin")
    invites.get_by_role("button", name="Créer le lien").click()
    link = invites.input_value("#invite-url").replace(
        "http://127.0.0.1:8000", daphne_server
    )
    invites.close()
    customer.goto(link)
    customer.fill("#id_name", "Jeanne Martin")
    customer.get_by_role("button", name="Rejoindre la réunion").click()
    customer.locator("#lobby-wait").wait_for()
    screenshot(customer, "day-07-customer-lobby")
    waiting = board.locator("#lobby-list li", has_text="Jeanne Martin")
    waiting.wait_for()
    waiting.get_by_role("button", name="Admettre Jeanne Martin").click()
    wait_connected(customer, 1)
    wait_connected(board, 1)
    screenshot(board, "day-08-video-call")
    customer.click("#btn-leave")
    expect(board.locator("#grid .tile")).to_have_count(1)
    board.click("#btn-leave")

    # 15:30 Nobody found an answer to a question; Émile writes the article.
    editor = _fail_on_dialog(new_context().new_page())
    login(editor, daphne_server, "editor")
    editor.goto(f"{daphne_server}/wiki/search/?{urlencode({'q': QUESTION})}")
    assert editor.locator(".search-hit").count() == 0
    editor.goto(daphne_server + "/wiki/reports/")
    row = editor.locator("#unanswered tr", has_text=QUESTION)
    row.wait_for()
    screenshot(editor, "day-09-unanswered-question")
    row.get_by_role("link", name="Rédiger la réponse").click()
    editor.get_by_role("button", name="Ouvrir l'éditeur").click()
    editor.wait_for_url("**/cms/pages/*/edit/")
    editor.fill(
        "#id_summary", "Motorisation d’un portail coulissant : moteur, rail, sécurité."
    )
    editor.evaluate("document.querySelector('button[name=action-publish]').click()")
    editor.wait_for_url("**/cms/pages/*/")
    article = ArticlePage.objects.get(title__iexact=QUESTION)
    assert article.live
    editor.goto(f"{daphne_server}/wiki/search/?{urlencode({'q': QUESTION})}")
    editor.locator(".search-hit").first.wait_for()
    screenshot(editor, "day-10-question-answered")

    # 18:00 Hélène reads the day: one lead from the websites, two from the war room.
    manager = _fail_on_dialog(new_context().new_page())
    login(manager, daphne_server, "manager")
    manager.goto(daphne_server + "/war-room/dashboard/")
    split = manager.locator("#channel-split")
    split.wait_for()
    website = split.locator("[data-channel=website] [data-leads]").inner_text()
    war_room = split.locator("[data-channel=war_room] [data-leads]").inner_text()
    assert (website.strip(), war_room.strip()) == ("1", "2")
    screenshot(manager, "day-11-manager-split")
