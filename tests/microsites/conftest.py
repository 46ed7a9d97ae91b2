"""Microsite fixtures: small page trees built through the site factory."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from microsites.models import ProductPage, SiteBranding
from microsites.services import microsite_create

SECRET = "PRIXACHAT-INTERNE-42"  # staff-only words no public page may show


@pytest.fixture
def articles(db):
    """A public article (one heading staff-only) and an internal one."""
    from tests.wiki.conftest import make_article, make_category
    from wiki.bootstrap import ensure_wiki_tree

    wiki, _school = ensure_wiki_tree()
    category = make_category(wiki, "Service client", slug="service-client")
    public = make_article(
        category,
        "Délais de livraison",
        summary="La livraison prend trois semaines après la commande.",
        answer_customers=True,
        body=[
            ("heading", {"text": "Livraison en été", "level": "h2", "audience": ""}),
            ("paragraph", "<p>En août la livraison prend cinq semaines.</p>"),
            (
                "heading",
                {"text": "Marge transport", "level": "h2", "audience": "staff"},
            ),
            ("paragraph", f"<p>Coût livraison réel : {SECRET}.</p>"),
        ],
    )
    internal = make_article(
        category,
        "Remise revendeur",
        summary=f"La remise revendeur est de {SECRET} pour cent.",
    )
    return {"public": public, "internal": internal}


@pytest.fixture(autouse=True)
def _clear_cache():
    from microsites.pictures import memo_clear

    cache.clear()
    memo_clear()
    yield
    cache.clear()
    memo_clear()


@pytest.fixture
def fast_forms(settings):
    """No minimum time-to-submit: tests post the form right away."""
    settings.MICROSITES_FORM_MIN_SECONDS = 0


def add_product(home, title="Portail battant", slug="portail-battant", **fields):
    page = ProductPage(title=title, slug=slug, intro=f"{title} sur mesure.", **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def brand(site, **fields):
    """Change a site's branding the way the admin does (save: cache invalidated)."""
    branding = SiteBranding.objects.get(site=site)
    for name, value in fields.items():
        setattr(branding, name, value)
    branding.save()
    return branding


def make_site(name, hostname, **branding):
    site = microsite_create(name=name, hostname=hostname)
    if branding:
        brand(site, **branding)
    return Site.objects.select_related("root_page").get(pk=site.pk)


@pytest.fixture
def bordeaux(db):
    site = make_site(
        "Portails Bordeaux", "portails-bordeaux.localhost", primary_color="#7a1f1f"
    )
    add_product(site.root_page, "Portail battant aluminium", "portail-battant")
    return site


@pytest.fixture
def lyon(db):
    site = make_site(
        "Clôtures Lyon", "clotures-lyon.localhost", primary_color="#1f4e2a"
    )
    add_product(site.root_page, "Clôture rigide", "portail-battant")
    return site


@pytest.fixture
def english_admin():
    """Make a user's Wagtail admin speak English (tests read its messages)."""
    from wagtail.users.models import UserProfile

    def speak_english(user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user

    return speak_english
