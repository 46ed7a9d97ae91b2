"""Seed step "microsites": many distinct sites, fast and idempotent."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from microsites.models import (
    ContactPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
    SiteBranding,
)
from microsites.seeding.data import PRODUCT_LINES, REGIONS, all_sites, site_colors


def test_demo_plan_has_80_distinct_readable_sites():
    sites = list(all_sites())
    assert len(sites) == 80 == len(PRODUCT_LINES) * len(REGIONS)
    colours = {site_colors(i) for i, _l, _r in sites}
    assert len(colours) == 80
    from microsites.colors import contrast_ratio

    assert all(contrast_ratio(p, "#ffffff") >= 4.5 for p, _a in colours)


@pytest.mark.django_db
def test_seed_small_creates_sites_and_is_idempotent(
    settings, capsys, django_assert_max_num_queries
):
    settings.DEBUG = True
    call_command("seed_demo", "--only", "microsites", "--small")
    homes = MicrositeHomePage.objects.all()
    assert homes.count() == 8
    for home in homes:
        products = ProductPage.objects.child_of(home).live().count()
        assert 3 <= products <= 6
        assert ContactPage.objects.child_of(home).get().form_fields.count() == 6
        assert NewsPage.objects.child_of(home).count() == 1
    site = Site.objects.get(hostname="portails-bordeaux.localhost")
    assert SiteBranding.objects.get(site=site).primary_color.startswith("#")
    assert SiteBranding.objects.values("primary_color").distinct().count() == 8
    out = capsys.readouterr().out
    assert "Microsites" in out and "8/8" in out
    pages_before = ProductPage.objects.count()
    call_command("seed_demo", "--only", "microsites", "--small")
    assert MicrositeHomePage.objects.count() == 8
    assert ProductPage.objects.count() == pages_before
    # the bulk-built tree is a valid treebeard tree (paths, depth, numchild)
    assert not any(Page.find_problems())


@pytest.mark.django_db
def test_seeded_sites_are_served_and_editable(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--only", "microsites", "--small")
    client = Client(HTTP_HOST="portails-bordeaux.localhost:8000")
    home = client.get("/")
    assert home.status_code == 200 and "Portails Bordeaux" in home.text
    assert client.get("/produit-1/").status_code == 200
    assert client.get("/devis/").status_code == 200
    assert "/produit-1/" in client.get("/sitemap.xml").text
    page = ProductPage.objects.first()
    page.title = "Modifié"
    page.save_revision().publish()  # bulk-created pages behave like any other
    assert ProductPage.objects.get(pk=page.pk).title == "Modifié"
    assert MicrositeHomePage.objects.first().get_descendants().count() >= 6


@pytest.mark.django_db
def test_admin_stays_usable_for_editors_with_80_sites(client, editor_user):
    """Editors' rights sit on the microsites folder: Wagtail's admin queries stay
    small (per-site grants made SQLite refuse them: "Expression tree is too large")."""
    from microsites.seeding import seed_microsites
    from microsites.services.factory import microsites_folder

    seed_microsites(stdout=io.StringIO(), count=80)
    assert MicrositeHomePage.objects.count() == 80
    assert not any(Page.find_problems())
    client.force_login(editor_user)
    assert client.get("/cms/pages/search/?q=portail").status_code == 200
    folder = microsites_folder()
    response = client.get(f"/cms/pages/{folder.pk}/")
    assert response.status_code == 200 and "Portails Bordeaux" in response.text
    home = MicrositeHomePage.objects.get(slug="gabions-nice")
    assert client.get(f"/cms/pages/{home.pk}/edit/").status_code == 200
