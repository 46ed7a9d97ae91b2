"""War room in a real browser, served by Daphne: bookmarklet quick add, live
drag and drop seen from a second browser, accessibility of the main pages."""

import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from hub import roles
from prospecting import services
from prospecting.models import Lead
from tests.conftest import axe_violations, login, make_user, screenshot


@pytest.mark.django_db(transaction=True)
def test_bookmarklet_quick_add(daphne_server, page):
    make_user("jdupont", roles.STAFF, first_name="Jean")
    login(page, daphne_server, "jdupont")
    page.goto(daphne_server + "/war-room/bookmarklet/")
    href = page.get_attribute("#bookmarklet-link", "href")
    assert href.startswith("javascript:") and "/war-room/add/?popup=1" in href
    # What the bookmarklet opens from a company's page:
    params = {
        "popup": "1",
        "url": "https://www.haras-des-landes.fr/contact",
        "title": "Haras des Landes",
        "selection": "Nous cherchons 600 m de clôture équestre",
    }
    page.goto(f"{daphne_server}/war-room/add/?{urlencode(params)}")
    assert page.input_value("#id_company") == "Haras des Landes"
    assert page.input_value("#id_source_url") == params["url"]
    assert page.input_value("#id_note") == params["selection"]
    assert page.locator(".topbar").is_hidden()  # the popup is compact
    page.fill("#id_website", "www.haras-des-landes.fr")
    page.click("form.card button[type=submit]")
    page.get_by_role("heading", name="Trouvaille enregistrée").wait_for()
    lead = Lead.objects.get()
    assert lead.found_by.username == "jdupont" and lead.source == "war_room"
    page.goto(f"{daphne_server}/war-room/leads/{lead.pk}/")
    page.locator(".wr-note", has_text="Nous cherchons 600 m de clôture").wait_for()
    # The same site again only looks alike (same web domain, another name): the
    # finder is asked which it is, nothing is written until they say.
    params["title"] = "Haras Des Landes (site officiel)"
    page.goto(f"{daphne_server}/war-room/add/?{urlencode(params)}")
    page.fill("#id_website", "haras-des-landes.fr")
    page.click("form.card button[type=submit]")
    page.get_by_text("Cela ressemble à un lead déjà dans le war room").wait_for()
    assert Lead.objects.count() == 1
    page.get_by_role(
        "button", name=f"Ajouter au lead #{lead.pk} (Haras des Landes)"
    ).click()
    page.get_by_role("heading", name="Trouvaille enregistrée").wait_for()
    assert Lead.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_drag_to_won_moves_the_card_live_in_another_browser(daphne_server, new_context):
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène")
    # quiet: a broadcast from the test process would not reach the server anyway.
    lead = services.lead_intake(
        source="war_room", company="Camping du Lac", quiet=True
    ).lead
    pages = []
    for username in ("sales", "manager"):
        page = new_context().new_page()
        login(page, daphne_server, username)
        page.goto(daphne_server + "/war-room/")
        page.locator("#board[data-live=open]").wait_for()
        pages.append(page)
    first, second = pages
    card = f"#lead-{lead.pk}"
    won_column = ".board-column[data-stage-kind=won]"
    first.locator(card).wait_for()
    assert second.locator(f"{won_column} {card}").count() == 0
    # The board is bounded by the window: bring it whole into view first, so the
    # drag never has to scroll the page (a scroll mid-drag cancels a native drag).
    first.locator("#board").evaluate("el => el.scrollIntoView({block: 'start'})")
    first.drag_and_drop(card, f"{won_column} [data-dropzone]")
    first.locator(f"{won_column} {card}").wait_for()
    second.locator(f"{won_column} {card}").wait_for()  # live, no reload
    assert second.locator(f"{won_column} h2 [data-count]").inner_text() == "1"
    lead.refresh_from_db()
    assert lead.stage.key == "won" and lead.deal is not None
    assert second.locator(f"{won_column} h2 span").first.inner_text() == "Gagné"
    # A find logged by someone else appears on both boards.
    third = new_context().new_page()
    login(third, daphne_server, "manager")
    third.goto(daphne_server + "/war-room/")
    third.fill("#qa-company", "Golf de la Forêt")
    third.click(".wr-quick-form button[type=submit]")
    first.get_by_text("Golf de la Forêt").wait_for()


@pytest.mark.django_db(transaction=True)
def test_pages_are_accessible_and_look_right(daphne_server, page, settings):
    settings.DEBUG = True
    call_command(
        "seed_demo",
        "--only",
        "accounts",
        "prospecting",
        "--small",
        stdout=io.StringIO(),
    )
    login(page, daphne_server, "sales")
    page.goto(daphne_server + "/war-room/")
    page.locator(".lead-card").first.wait_for()
    assert axe_violations(page) == []
    screenshot(page, "prospecting-board")
    lead = Lead.objects.filter(activities__kind="call").first()
    page.goto(f"{daphne_server}/war-room/leads/{lead.pk}/")
    page.get_by_role("heading", name="Historique").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "prospecting-lead")
    page.goto(daphne_server + "/war-room/dashboard/")
    page.locator("#forecast").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "prospecting-dashboard")
    page.goto(daphne_server + "/war-room/list/")
    assert axe_violations(page) == []
    screenshot(page, "prospecting-list")
    page.goto(daphne_server + "/war-room/search/?q=clôtures")
    page.locator(".wr-results").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "prospecting-search")
    page.goto(daphne_server + "/war-room/import/")
    csv_text = (
        "Raison sociale;Ville;Téléphone\n"
        "Clôtures Neuves;Tours;02 47 00 00 00\n"
        "Sans Tel;Tours;abc\n"
    )
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "export.csv",
                "mimeType": "text/csv",
                "buffer": csv_text.encode("cp1252"),
            }
        ],
    )
    page.click("form.card button[type=submit]")
    page.locator(".wr-mapping").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "prospecting-import-mapping")
    page.click("form.card button[type=submit]")
    page.get_by_role("heading", name="Rapport par ligne").wait_for()
    assert page.locator("[data-count=imported]").inner_text() == "1"
    assert page.locator("[data-count=skipped]").inner_text() == "1"
    assert axe_violations(page) == []
    screenshot(page, "prospecting-import-report")
    staff = make_user("karim", roles.STAFF)
    services.lead_intake(
        source="war_room", company="Trouvaille de Karim", found_by=staff
    )
    page.context.clear_cookies()
    login(page, daphne_server, "karim")
    page.goto(daphne_server + "/war-room/dashboard/")
    page.locator("#leaderboard-week").wait_for()
    assert page.locator("#forecast").count() == 0
    assert axe_violations(page) == []
    screenshot(page, "prospecting-dashboard-staff")
