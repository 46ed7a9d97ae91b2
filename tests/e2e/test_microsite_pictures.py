"""A seeded microsite in a real browser: pictures load (WebP renditions), the
home, a product and the projects page fit a 1366px screen, axe finds nothing."""

import io

import pytest

from microsites.seeding import seed_microsites
from tests.conftest import axe_violations, screenshot

PAGES = (
    ("/", "home"),
    ("product", "product"),
    ("/realisations/", "projects"),
)


def _url(daphne_server, hostname, path):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://{hostname}:{port}{path}"


def _load_all_pictures(page):
    """Bring each picture into view (lazy ones load then) and wait until it is
    decoded; a function, not a string: the site's CSP refuses eval."""
    page.evaluate(
        """async () => {
            for (const img of document.images) {
                img.scrollIntoView();
                await img.decode().catch(() => {});
            }
            window.scrollTo(0, 0);
        }"""
    )


@pytest.mark.django_db(transaction=True)
def test_seeded_site_pictures_load_fit_and_pass_axe(daphne_server, new_context):
    seed_microsites(stdout=io.StringIO(), count=11)  # 10 gate sites, 1 fence site
    page = new_context(viewport={"width": 1366, "height": 900}).new_page()
    for hostname, product in (
        ("portails-nice.localhost", "/portail-battant-aluminium/"),
        ("clotures-bordeaux.localhost", "/cloture-en-panneaux-rigides/"),
    ):
        for path, name in ((p if p != "product" else product, n) for p, n in PAGES):
            response = page.goto(_url(daphne_server, hostname, path))
            assert response.status == 200, path
            _load_all_pictures(page)
            images = page.evaluate(
                "[...document.images].map(img => ({src: img.currentSrc,"
                " natural: img.naturalWidth, lazy: img.loading}))"
            )
            assert images, f"{path}: no picture"
            assert all(image["natural"] > 0 for image in images), images
            # Chromium picks the WebP source of every <picture>
            assert all(image["src"].endswith(".webp") for image in images), images
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path} overflows by {overflow}px"
            assert axe_violations(page) == [], path
            screenshot(page, f"microsite-{hostname.split('.')[0]}-{name}")
    # below the fold pictures wait for the scroll; the first one does not
    page.goto(_url(daphne_server, "portails-bordeaux.localhost", "/"))
    loading = page.evaluate("[...document.images].map(img => img.loading)")
    assert loading[0] != "lazy" and "lazy" in loading[1:]
    # on a phone the pictured hero and the cards stack into one column
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    for path in ("/", "/realisations/"):
        phone.goto(_url(daphne_server, "clotures-bordeaux.localhost", path))
        _load_all_pictures(phone)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} overflows a phone by {overflow}px"
    screenshot(phone, "microsite-clotures-bordeaux-projects-phone")
