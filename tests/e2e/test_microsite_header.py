"""The microsite header on a phone (390 × 844) and a laptop (1366 × 768), on two
themed sites: the menu button is a real disclosure (keyboard, Escape, focus), no
page type scrolls sideways, every header control is a ≥ 44 × 44 px target, the
desktop menu holds on one line, axe finds nothing serious."""

import pytest

from microsites.models import ContentPage
from tests.conftest import axe_violations, screenshot
from tests.microsites.conftest import add_product, make_site

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SITES = {
    "portails-bordeaux.localhost": ("Portails Bordeaux", "#7a1f1f"),
    "clotures-lyon.localhost": ("Clôtures Lyon", "#1f4e2a"),
}
PRODUCTS = [
    ("Clôture en panneaux rigides", "panneaux-rigides"),
    ("Clôture bois composite", "bois-composite"),
    ("Portail coulissant aluminium", "portail-coulissant"),
]
# Home, the quote form, the news page and the three products.
NAV_ITEMS = 6
# Every public page type: home, product, quote form, its thank-you page, a legal
# page, the question page and a missing page (404).
PATHS = [
    "/",
    "/panneaux-rigides/",
    "/devis/",
    "/devis/merci/",
    "/mentions-legales/",
    "/questions/",
    "/nulle-part/",
]

TARGETS_JS = """() => [...document.querySelectorAll(
    '.ms-header a, .ms-header button, .ms-nav-list a, .ms-footer-links a')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect();
               return [el.textContent.trim(), Math.round(r.width),
                       Math.round(r.height)]; })"""
OVERFLOW_JS = "document.documentElement.scrollWidth - window.innerWidth"


def _build_site(hostname, name, colour):
    site = make_site(
        name,
        hostname,
        primary_color=colour,
        phone="05 56 12 34 00",
        tagline="Fabrication française depuis 1987",
    )
    for title, slug in PRODUCTS:
        page = add_product(site.root_page, title, slug)
        page.show_in_menus = True
        page.save_revision().publish()
    legal = ContentPage(
        title="Mentions légales", slug="mentions-legales", intro="Éditeur."
    )
    site.root_page.add_child(instance=legal)
    legal.save_revision().publish()
    return site


@pytest.fixture
def two_sites(transactional_db):
    return [_build_site(host, *SITES[host]) for host in SITES]


def _url(daphne_server, hostname, path):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://{hostname}:{port}{path}"


def _assert_fits(page, where):
    assert page.evaluate(OVERFLOW_JS) <= 0, f"horizontal overflow on {where}"
    small = [t for t in page.evaluate(TARGETS_JS) if t[1] < 44 or t[2] < 44]
    assert small == [], f"tap targets under 44 × 44 px on {where}: {small}"


@pytest.mark.django_db(transaction=True)
def test_phone_menu_is_a_keyboard_disclosure_and_nothing_overflows(
    two_sites, daphne_server, new_context
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    for hostname in SITES:
        for path in PATHS:
            page.goto(_url(daphne_server, hostname, path))
            page.locator("html.ms-js").wait_for(state="attached")
            _assert_fits(page, f"{hostname}{path}")
        page.goto(_url(daphne_server, hostname, "/panneaux-rigides/"))
        button = page.get_by_role("button", name="Menu")
        menu = page.locator("#ms-menu")
        assert button.get_attribute("aria-controls") == "ms-menu"
        assert button.get_attribute("aria-expanded") == "false"
        assert not menu.is_visible()
        screenshot(page, f"microsite-header-phone-{hostname.split('.')[0]}")

        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        menu.get_by_role("link", name="Accueil").wait_for()
        assert menu.get_by_role("link").count() == NAV_ITEMS
        _assert_fits(page, f"{hostname} menu open")
        assert axe_violations(page) == []
        screenshot(page, f"microsite-menu-open-phone-{hostname.split('.')[0]}")

        page.keyboard.press("Tab")  # into the list: the first link
        assert page.evaluate("document.activeElement.textContent") == "Accueil"
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert not menu.is_visible()
        assert page.evaluate("document.activeElement.className") == "ms-nav-toggle"

        page.keyboard.press("Space")
        assert menu.is_visible()
        page.keyboard.press("Space")
        assert not menu.is_visible()


@pytest.mark.django_db(transaction=True)
def test_laptop_menu_on_one_line_without_button(two_sites, daphne_server, new_context):
    page = new_context(viewport=LAPTOP).new_page()
    for hostname in SITES:
        for path in PATHS:
            page.goto(_url(daphne_server, hostname, path))
            page.locator("html.ms-js").wait_for(state="attached")
            _assert_fits(page, f"{hostname}{path} at 1366 px")
        page.goto(_url(daphne_server, hostname, "/"))
        page.wait_for_load_state("load")
        assert not page.get_by_role("button", name="Menu").is_visible()
        tops = page.evaluate(
            "[...document.querySelectorAll('#ms-menu a')]"
            ".map(a => Math.round(a.getBoundingClientRect().top))"
        )
        assert len(tops) == NAV_ITEMS and len(set(tops)) == 1, tops
        assert axe_violations(page) == []
        screenshot(page, f"microsite-header-laptop-{hostname.split('.')[0]}")


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_menu_is_a_visible_list(
    two_sites, daphne_server, new_context
):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(_url(daphne_server, "portails-bordeaux.localhost", "/devis/"))
    assert not page.get_by_role("button", name="Menu").is_visible()
    links = page.locator("#ms-menu").get_by_role("link")
    assert links.count() == NAV_ITEMS
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    screenshot(page, "microsite-header-phone-nojs")
