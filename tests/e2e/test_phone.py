"""Every hub page on a 390×844 phone: no horizontal overflow, axe clean, and the
header's menu button (mouse, keyboard, links); on a desktop the nav shows as
before, without the button. Screenshots in test-artifacts/phone-*.png."""

from __future__ import annotations

import datetime
from pprint import pformat
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from hub import roles
from hub.services import api_token_create
from microsites.services import microsite_create
from prospecting.services import activity_log, lead_intake, lead_move_stage
from prospecting.services.stages import stage_by_key
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.microsites.conftest import add_product
from tests.wiki.conftest import make_article, make_category
from video import services as video_services
from wiki import services as wiki_services
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import CoursePage, LessonPage
from wiki.seeds import build_body
from wiki.trash import article_trash

from .test_video_room import _everyone_leaves  # noqa: F401 - autouse fixture

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
# A long unbroken address, as people paste them in notes and articles.
LONG_URL = (
    "https://www.cloture-et-portail-du-sud-ouest.example/catalogue/"
    "panneaux-rigides-galvanises-plastifies-vert-mousse-ral6005-hauteur-2030mm"
)

# Whether the page scrolls sideways, and the elements that stick out of the
# viewport outside any scroll container (to say what to fix when it fails).
OVERFLOW_JS = """(width) => {
  // Inside a box that scrolls or clips it: walks the containing blocks (an
  // absolute box escapes its static parents, a fixed one every box).
  const scrolls = (el) => {
    let position = getComputedStyle(el).position;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (position === "fixed") return false;
      const style = getComputedStyle(p);
      if (position === "absolute" && style.position === "static") continue;
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) return true;
      position = style.position;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)) {
      const id = el.id ? "#" + el.id : "";
      const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
      culprits.push(`${el.tagName.toLowerCase()}${id}${cls} right=${box.right}`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: culprits.slice(0, 8),
  };
}"""


def phone_problems(page, name) -> list:
    """What is wrong with the page on a phone (empty: nothing); leaves a screenshot."""
    page.wait_for_load_state()
    layout = page.evaluate(OVERFLOW_JS, PHONE_WIDTH)
    problems = []
    # A phone widens its layout viewport to fit content that sticks out, so
    # innerWidth alone would hide the overflow: both must stay at the screen's.
    if layout["innerWidth"] != PHONE_WIDTH:
        problems.append(f"viewport widened to {layout['innerWidth']} px")
    if layout["scrollWidth"] > layout["innerWidth"] or layout["culprits"]:
        problems.append(
            f"scrolls sideways: {layout['scrollWidth']} px, {layout['culprits']}"
        )
    violations = axe_violations(page)
    if violations:
        problems.append(violations)
    screenshot(page, f"phone-{name}")
    return problems


def _path(page) -> str:
    """A page's path on the hub (with microsites, `.url` is absolute)."""
    return urlsplit(page.url).path


def _people():
    admin = make_user(
        "admin",
        roles.STAFF,
        superuser=True,
        first_name="Agnès-Marie",
        last_name="Martin-Dubreuil",
    )
    expert = make_user("jdupont", roles.STAFF, first_name="Jean", last_name="Dupont")
    return admin, expert


def _wiki(admin, expert):
    wiki, school = ensure_wiki_tree()
    category = make_category(wiki, "Panneaux rigides", slug="panneaux-rigides")
    body = build_body(
        "## Hauteurs et fixations\n"
        "| Hauteur | Poteaux | Fixations | Lames | Plaques de soubassement | Prix |\n"
        "| 1030 mm | 1200 mm | 3 colliers | 2 plis | 250 mm | 39 € |\n"
        "| 2030 mm | 2300 mm | 5 colliers | 4 plis | 500 mm | 72 € |\n"
        "### Où commander\n"
        f"Fiche fournisseur : {LONG_URL}\n"
        "! Les panneaux de plus de 1,73 m se posent avec un soubassement.\n",
        {},
    )
    article = make_article(
        category,
        "Panneau rigide galvanisé plastifié",
        summary="Maille 200 × 55 mm, fil 5 mm, hauteurs de 630 à 2430 mm.",
        body=body,
        expert=expert,
        last_reviewed=datetime.date(2026, 3, 2),
        review_by=datetime.date(2027, 3, 2),
    )
    make_article(category, "Poteau à encoches", "Voir [[Panneau rigide]].")
    trashed = make_article(category, "Ancienne gamme 2019", "Remplacée.")
    article_trash(page=trashed, user=admin)
    wiki_services.search_log(query="portail coulissant motorisé", hits=0, user=admin)
    course = school.add_child(
        instance=CoursePage(title="Prospecter sur le web", level="prospection")
    )
    lessons = [
        course.add_child(
            instance=LessonPage(title=title, duration_minutes=minutes, summary=summary)
        )
        for title, minutes, summary in (
            ("Trouver les bons mots-clés", 30, f"Exemple : {LONG_URL}"),
            ("Qualifier une trouvaille", 45, "Qui décide, quel budget, quand."),
        )
    ]
    wiki_services.lesson_complete(
        user=admin, lesson=lessons[0], evidence="quiz attempt #1 (100 %)"
    )
    return wiki, category, article, course, lessons


def _war_room(admin):
    lead = lead_intake(
        source="war_room",
        company={
            "name": "Société Coopérative Agricole des Éleveurs du Haut-Pays",
            "city": "Saint-Jean-Pied-de-Port",
            "website": "https://www.eleveurs-du-haut-pays.example",
        },
        contact={"name": "Marie-Hélène Etcheverry", "email": "mh@eleveurs.example"},
        found_by=admin,
        source_url=LONG_URL,
        note=f"Clôture de 1 200 m pour les estives, voir {LONG_URL}",
        estimated_value=48_000,
        quiet=True,
    ).lead
    activity_log(
        lead=lead, kind="call", by=admin, body=f"Rappeler après {LONG_URL}", quiet=True
    )
    won = lead_intake(
        source="website", company="Haras des Landes", found_by=admin, quiet=True
    ).lead
    lead_move_stage(lead=won, stage=stage_by_key("won"), by=admin, won_amount=12_500)
    lead_intake(source="war_room", company="Camping du Lac", quiet=True)
    return lead


IMPORT_CSV = (
    "Raison sociale;Ville;Téléphone\n"
    "Clôtures Neuves;Tours;02 47 00 00 00\n"
    "Sans Tel;Tours;abc\n"
)


def test_every_hub_page_fits_a_phone(daphne_server, new_context):
    admin, expert = _people()
    wiki, category, article, course, lessons = _wiki(admin, expert)
    lead = _war_room(admin)
    site = microsite_create(
        name="Portails et Clôtures du Bassin d'Arcachon",
        hostname="portails-et-clotures-du-bassin-arcachon.localhost",
    )
    add_product(site.root_page, "Portail coulissant", "portail-coulissant")
    room = video_services.room_create(
        name="Rendez-vous Coopérative des Éleveurs", owner=admin, kind="customer"
    )
    invite = video_services.invite_create(room=room, ttl=3600)
    api_token_create(user=admin, name="Synchronisation ERP (script nocturne)")
    # Every page a superuser sees (the widest menu and pages), each with a text
    # of its own to wait for; those with a list of rows show it stacked.
    stacked = {"wiki-category", "wiki-recent", "wiki-reports", "wiki-trash"}
    stacked |= {"war-room-list", "microsites", "video-invites", "account", "audit-log"}
    pages = [
        ("home", "/", "Bonjour Agnès-Marie"),
        ("wiki-home", _path(wiki), "Catégories"),
        ("wiki-category", _path(category), "Poteau à encoches"),
        ("wiki-article", _path(article), "Hauteurs et fixations"),
        ("wiki-search", "/wiki/search/?q=panneau", "Poteau à encoches"),
        ("wiki-search-none", "/wiki/search/?q=portique", "Rédiger cet article"),
        ("wiki-recent", "/wiki/recent/", "Poteau à encoches"),
        ("wiki-reports", "/wiki/reports/", "portail coulissant motorisé"),
        ("wiki-trash", "/wiki/trash/", "Ancienne gamme 2019"),
        ("wiki-create", "/wiki/create/", "Ouvrir l'éditeur"),
        ("webschool", "/webschool/", "Prospecter sur le web"),
        ("webschool-course", _path(course), "Qualifier une trouvaille"),
        ("webschool-lesson", _path(lessons[0]), "Leçon 1 sur 2"),
        ("webschool-report", "/wiki/webschool/report/", "Total des heures"),
        ("war-room-board", "/war-room/", "Camping du Lac"),
        ("war-room-list", "/war-room/list/", "Camping du Lac"),
        ("war-room-lead", f"/war-room/leads/{lead.pk}/", "Etcheverry"),
        ("war-room-add", "/war-room/add/", "SIREN ou SIRET"),
        ("war-room-search", "/war-room/search/?q=haras", "Haras des Landes"),
        ("war-room-dashboard", "/war-room/dashboard/", "Prévision"),
        ("war-room-bookmarklet", "/war-room/bookmarklet/", "Ajouter au war room"),
        ("war-room-trash", "/war-room/trash/", "La corbeille est vide."),
        ("microsites", "/sites/", "Portails et Clôtures du Bassin"),
        ("video-rooms", "/video/", "Créer une salle"),
        ("video-room", room.get_absolute_url(), "Connecté"),
        ("video-invites", f"{room.get_absolute_url()}invites/", "Créer le lien"),
        ("account", "/accounts/", "Synchronisation ERP"),
        ("audit-log", "/accounts/audit/", "lead.create"),
        ("password-change", "/accounts/password/", "Nouveau mot de passe"),
        ("not-found", "/wiki/pas-de-page-ici/", "Cette page n’existe pas"),
    ]
    problems = {}
    page = new_context(**PHONE).new_page()
    page.goto(daphne_server + "/accounts/login/")
    problems["login"] = phone_problems(page, "login")
    login(page, daphne_server, "admin")
    for name, path, text in pages:
        page.goto(daphne_server + path)
        page.locator("main").get_by_text(text).first.wait_for()
        problems[name] = phone_problems(page, name)
        if name in stacked:
            row = page.locator("table.table-stack > tbody > tr").first
            label = row.locator("td[data-label]").first
            if row.evaluate("(el) => getComputedStyle(el).display") != "block":
                problems[name].append("rows not stacked")
            elif not label.get_attribute("data-label"):
                problems[name].append("stacked cells without labels")

    # The import: the column mapping, then the row report.
    page.goto(daphne_server + "/war-room/import/")
    problems["war-room-import"] = phone_problems(page, "war-room-import")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "export.csv",
                "mimeType": "text/csv",
                "buffer": IMPORT_CSV.encode(),
            }
        ],
    )
    page.click("form.card button[type=submit]")
    page.locator(".wr-mapping").wait_for()
    problems["war-room-import-mapping"] = phone_problems(
        page, "war-room-import-mapping"
    )
    page.click("form.card button[type=submit]")
    page.get_by_role("heading", name="Rapport par ligne").wait_for()
    problems["war-room-import-report"] = phone_problems(page, "war-room-import-report")

    # A customer with an invite: the join form, then the lobby.
    guest = new_context(**PHONE).new_page()
    guest.goto(invite.replace("http://127.0.0.1:8000", daphne_server))
    problems["video-invite-open"] = phone_problems(guest, "video-invite-open")
    guest.fill("#id_name", "Marie-Hélène Etcheverry")
    guest.get_by_role("button", name="Rejoindre la réunion").click()
    guest.locator("#lobby-wait").wait_for()
    guest.locator("#room-status", has_text="En attente de l’hôte").wait_for()
    problems["video-lobby"] = phone_problems(guest, "video-lobby")

    failing = {name: found for name, found in problems.items() if found}
    assert not failing, pformat(failing, width=88)


def _focused(page) -> str:
    """What has the keyboard focus: its data-nav key, id or text."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return el.dataset.nav || el.id || el.textContent.trim();
        }"""
    )


def test_menu_button_folds_the_header_on_a_phone(daphne_server, new_context):
    make_user("staff", roles.STAFF, first_name="Karim", last_name="Benali")
    wiki, _school = ensure_wiki_tree()
    make_article(make_category(wiki, "Panneaux"), "Panneau rigide", "Fil de 5 mm.")
    page = new_context(**PHONE).new_page()
    login(page, daphne_server, "staff")
    page.locator("main h1").wait_for()
    header = page.locator(".topbar")
    button = header.get_by_role("button", name="Menu")
    nav = header.get_by_role("navigation", name="Navigation principale")
    search = header.get_by_role("combobox", name="Rechercher dans le wiki")
    account = header.get_by_role("link", name="Mon compte")

    # Closed: one compact bar with the brand, the bell and the button.
    assert header.bounding_box()["height"] < 64
    assert button.get_attribute("aria-controls") == "topbar-menu"
    assert button.get_attribute("aria-expanded") == "false"
    for hidden in (nav, search, account):
        assert hidden.is_hidden()
    assert page.locator("#bell-button").is_visible()
    screenshot(page, "phone-menu-closed")

    # A tap opens it: nav, search and the user menu, all inside the screen.
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    for shown in (nav, search, account):
        expect(shown).to_be_visible()
    expect(nav.get_by_role("link")).to_have_count(6)  # no Administration for Staff
    assert phone_problems(page, "menu-open") == []
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    # The mouse does the same.
    button.click()
    expect(nav).to_be_visible()
    button.click()
    expect(nav).to_be_hidden()

    # Keyboard: the bell then the button follow the brand; Enter opens, Tab goes
    # on into the nav, Escape closes and gives the focus back to the button.
    header.get_by_role("link", name="Hub").focus()
    page.keyboard.press("Tab")
    assert _focused(page) == "bell-button"
    page.keyboard.press("Tab")
    assert _focused(page) == "Menu"
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    page.keyboard.press("Tab")
    assert _focused(page) == "home"
    page.keyboard.press("Tab")
    assert _focused(page) == "wiki"
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    assert _focused(page) == "Menu"
    page.keyboard.press("Space")
    expect(nav).to_be_visible()
    # Escape first closes the search suggestions, then the menu.
    search.fill("panneau")
    page.locator("#header-q-results [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    expect(page.locator("#header-q-results")).to_be_hidden()
    expect(nav).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    assert _focused(page) == "Menu"

    # Opening the bell folds the menu away; its panel fits the screen.
    button.tap()
    page.locator("#bell-button").tap()
    page.locator("#bell-panel").get_by_text("Aucune notification").wait_for()
    expect(nav).to_be_hidden()
    box = page.locator("#bell-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    screenshot(page, "phone-bell-open")
    page.locator("#bell-button").tap()

    # Links in the menu go where they say, and the page shows the menu closed.
    button.tap()
    nav.get_by_role("link", name="Wiki").tap()
    page.wait_for_url("**/wiki/")
    expect(nav).to_be_hidden()
    button.tap()
    expect(nav.get_by_role("link", name="Wiki")).to_have_attribute(
        "aria-current", "page"
    )
    account.tap()
    page.wait_for_url("**/accounts/")
    page.get_by_role("heading", name="Mon compte", level=1).wait_for()


def test_without_javascript_the_phone_header_shows_the_nav(daphne_server, new_context):
    make_user("staff", roles.STAFF, first_name="Karim")
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    login(page, daphne_server, "staff")
    header = page.locator(".topbar")
    expect(header.get_by_role("button", name="Menu")).to_be_hidden()
    nav = header.get_by_role("navigation", name="Navigation principale")
    expect(nav).to_be_visible()
    expect(header.get_by_role("link", name="Mon compte")).to_be_visible()
    screenshot(page, "phone-no-js")
    nav.get_by_role("link", name="War room").click()
    page.wait_for_url("**/war-room/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_desktop_header_shows_the_nav_without_the_button(daphne_server, new_context):
    make_user("staff", roles.STAFF, first_name="Karim", last_name="Benali")
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(page, daphne_server, "staff")
    page.locator("main h1").wait_for()
    header = page.locator(".topbar")
    nav = header.get_by_role("navigation", name="Navigation principale")
    expect(header.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav).to_be_visible()
    search = header.get_by_role("combobox", name="Rechercher dans le wiki")
    expect(search).to_be_visible()
    expect(header.locator("#bell-button")).to_be_visible()
    user_button = header.get_by_role("button", name="Karim Benali")
    expect(user_button).to_be_visible()
    # One line, as before: brand, nav, then search, bell and user menu, in the
    # order the keyboard visits them.
    assert header.bounding_box()["height"] < 64
    tools = header.locator(".topbar-tools > *")
    assert tools.evaluate_all("(els) => els.map((el) => el.className)") == [
        "header-search",
        "dropdown",
        "dropdown topbar-user",
    ]
    user_button.click()
    header.get_by_role("link", name="Mon compte").wait_for()
    screenshot(page, "desktop-header")
    page.keyboard.press("Escape")
    # From a phone width to a desktop one: the same page puts everything back.
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    header.get_by_role("button", name="Menu").wait_for()
    expect(nav).to_be_hidden()
    expect(tools).to_have_count(2)  # the bell went beside the button
    page.set_viewport_size({"width": 1280, "height": 900})
    nav.wait_for()
    expect(tools).to_have_count(3)
