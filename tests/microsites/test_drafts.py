"""Site factory: a draft from a template, made for its own city; publishing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page, Site

from hub.models import AuditEntry
from microsites.models import (
    ContactPage,
    ContentPage,
    NewsPage,
    ProductPage,
    SiteBranding,
)
from microsites.services import (
    SiteDetails,
    SiteNotReady,
    microsite_draft_create,
    microsite_publish,
)
from tests.conftest import make_user

from .conftest import brand, make_site


def lyon_template():
    """A live Lyon site written the old way (its city in plain words), plus a
    page using placeholders, a testimonial and news."""
    site = make_site("Portails Lyon", "portails-lyon.localhost")
    brand(
        site,
        phone="04 72 12 34 00",
        email="contact@portails-lyon.example",
        address="12 rue de l'Industrie, 69003 Lyon",
        tagline="Portails · Rhône",
        footer_text="Portails Lyon, fabrication française.",
        product_line="Portails",
    )
    home = site.root_page.specific
    home.intro = "Devis gratuit à Lyon et dans le Rhône. Appelez le 04 72 12 34 00."
    home.save_revision().publish()
    product = ProductPage(
        title="Portail battant",
        slug="portail-battant",
        intro="Posé {{en_departement}} par nos équipes {{de_ville}}.",
        body=[
            {"type": "heading", "value": {"text": "Portail battant à Lyon"}},
            {"type": "paragraph", "value": "<p>Pose {{a_ville}} : {{nom}}.</p>"},
            {"type": "quote", "value": {"text": "Super !", "author": "Un Lyonnais"}},
        ],
    )
    home.add_child(instance=product)
    product.save_revision().publish()
    about = ContentPage(
        title="Qui sommes-nous",
        slug="qui-sommes-nous",
        intro="Une équipe au service du Rhône.",
        body=[{"type": "paragraph", "value": "<p>{{adresse}} · {{telephone}}</p>"}],
    )
    home.add_child(instance=about)
    about.save_revision().publish()
    return site


def details(site, **overrides):
    values = {
        "name": "Portails Dijon",
        "hostname": "portails-dijon.localhost",
        "template": site,
        "city": "Dijon",
        "department": "21",
        "postal_code": "21000",
        "address": "3 rue Vauban",
        "phone": "0380123400",
        "email": "Contact@Portails-Dijon.example",
    }
    values.update(overrides)
    return SiteDetails(**values)


@pytest.mark.django_db
def test_draft_copies_evergreen_pages_for_the_new_city():
    template = lyon_template()
    editor = make_user("ed")
    result = microsite_draft_create(details=details(template), by=editor)
    site = Site.objects.get(hostname="portails-dijon.localhost")
    assert result.site == site
    home = site.root_page.specific
    pages = Page.objects.descendant_of(home, inclusive=True)
    assert not pages.filter(live=True).exists()  # a draft: nothing public
    assert not NewsPage.objects.descendant_of(home).exists()  # Lyon's news
    assert ContactPage.objects.descendant_of(home).get().form_fields.count() == 6
    assert home.title == "Portails Dijon"
    # the template's own facts, phrases included ("dans le Rhône" → "en …")
    assert home.intro == (
        "Devis gratuit à Dijon et en Côte-d'Or. Appelez le 03 80 12 34 00."
    )
    assert "Lyon" not in home.intro and "Rhône" not in home.intro
    product = ProductPage.objects.descendant_of(home).get()
    assert product.intro == "Posé en Côte-d'Or par nos équipes de Dijon."
    blocks = [(b.block_type, b.value) for b in product.body]
    assert [kind for kind, _v in blocks] == ["heading", "paragraph"]  # no testimonial
    assert blocks[0][1]["text"] == "Portail battant à Dijon"
    assert blocks[1][1].source == "<p>Pose à Dijon : Portails Dijon.</p>"
    about = ContentPage.objects.descendant_of(home).get()
    assert about.intro == "Une équipe au service de la Côte-d'Or."
    assert about.body[0].value.source == (
        "<p>3 rue Vauban, 21000 Dijon · 03 80 12 34 00</p>"
    )
    branding = SiteBranding.objects.get(site=site)
    assert branding.phone == "03 80 12 34 00"
    assert branding.email == "contact@portails-dijon.example"
    assert branding.address == "3 rue Vauban, 21000 Dijon"
    assert branding.tagline == "Portails · Côte-d'Or"
    assert branding.footer_text == "Portails Dijon, fabrication française."
    assert branding.product_line == "Portails"
    entry = AuditEntry.objects.get(action="microsites.site_create", actor=editor)
    assert entry.changes["template"] == "portails-lyon.localhost"
    assert entry.changes["draft"] is True


@pytest.mark.django_db
def test_draft_answers_404_until_published_then_publish_is_audited(client):
    template = lyon_template()
    site = microsite_draft_create(details=details(template)).site
    assert client.get("/", HTTP_HOST="portails-dijon.localhost").status_code == 404
    boss = make_user("boss", superuser=True)
    published = microsite_publish(site=site, by=boss)
    assert published == 4  # home, product, about, quote form
    response = client.get("/portail-battant/", HTTP_HOST="portails-dijon.localhost")
    assert response.status_code == 200 and "Portail battant à Dijon" in response.text
    assert client.get("/", HTTP_HOST="portails-dijon.localhost").status_code == 200
    entry = AuditEntry.objects.get(action="microsites.site_publish")
    assert entry.actor == boss and entry.changes["pages"] == 4
    assert microsite_publish(site=site, by=boss) == 0  # nothing left to publish


@pytest.mark.django_db
def test_publish_refuses_pages_with_unknown_placeholders():
    template = lyon_template()
    about = ContentPage.objects.descendant_of(template.root_page).get()
    about.intro = "Ouvert {{horaires}}."
    about.save_revision().publish()
    site = microsite_draft_create(details=details(template)).site
    with pytest.raises(SiteNotReady) as error:
        microsite_publish(site=site, by=None)
    assert "{{horaires}}" in " ".join(error.value.messages)
    assert not Page.objects.descendant_of(site.root_page).filter(live=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hostname", "portails-lyon.localhost", "already answers"),
        ("hostname", "http://x.localhost", "without http://"),
        ("phone", "12", "not a French phone number"),
        ("phone", "+44 20 7946 0000", "not a French phone number"),
        ("email", "contact@", "not an e-mail address"),
        ("postal_code", "2100", "five digits"),
        ("postal_code", "75001", "not in Côte-d'Or (21)"),
        ("department", "99", "not a French department"),
        ("primary_color", "#ffff00", "hard to read"),
        ("primary_color", "red", "six hex digits"),
        ("city", " ", "Give the city"),
        ("template", None, "Choose the site"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_created(field, value, message):
    template = lyon_template()
    before = Page.objects.count(), Site.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        microsite_draft_create(details=details(template, **{field: value}))
    assert message in " ".join(error.value.message_dict[field])
    assert (Page.objects.count(), Site.objects.count()) == before


@pytest.mark.django_db
def test_unknown_template_is_refused():
    hub_site = Site.objects.get(is_default_site=True)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        microsite_draft_create(details=details(hub_site))
    assert "must be a microsite" in " ".join(error.value.message_dict["template"])


@pytest.mark.django_db
def test_a_seeded_city_site_as_template_leaves_nothing_of_its_city():
    """The demo's sites are written with their city in plain words (no
    placeholders): the factory still makes a clean Dijon site of Lyon's."""
    import io

    from microsites.seeding import seed_microsites
    from microsites.selectors import site_draft_report

    seed_microsites(stdout=io.StringIO(), count=2)  # Portails Bordeaux, Lyon
    lyon = Site.objects.get(hostname="portails-lyon.localhost")
    site = microsite_draft_create(details=details(lyon)).site
    report = site_draft_report(site)
    assert report["template_city"] == "Lyon"
    assert report["mentions"] == [] and report["unfilled"] == []
    home = site.root_page.specific
    assert "à Dijon" in home.intro and "Lyon" not in home.intro
    assert not NewsPage.objects.descendant_of(home).exists()
    about = ContentPage.objects.descendant_of(home).get(slug="qui-sommes-nous")
    assert [block.block_type for block in about.body] == ["paragraph"]  # no quote
    # the product pictures and galleries come along (true in any city); the
    # home keeps its hero picture, not Lyon's projects or testimonials
    products = ProductPage.objects.descendant_of(home)
    assert products.exists() and all(p.image_id for p in products)
    assert all("gallery" in [b.block_type for b in p.body] for p in products.specific())
    assert home.image_id is not None
    assert not {"projects", "quote"} & {b.block_type for b in home.body}
