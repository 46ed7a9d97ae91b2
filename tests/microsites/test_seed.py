"""Seed step "microsites": many distinct sites, fast and idempotent."""

import io
import re

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
    assert client.get("/portail-battant-aluminium/").status_code == 200
    assert client.get("/devis/").status_code == 200
    assert "/portail-battant-aluminium/" in client.get("/sitemap.xml").text
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


def _seed_queries(count, extra_pages) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microsites.seeding import seed_microsites

    with CaptureQueriesContext(connection) as queries:
        seed_microsites(stdout=io.StringIO(), count=count, extra_pages=extra_pages)
    return [query["sql"] for query in queries]


def _statements(sqls: list[str]) -> list[str]:
    """One entry per statement, a multi-row INSERT split in chunks by the
    driver's parameter cap (999 on SQLite) counted once."""
    heads = [
        re.sub(r"_x\d+", "", " ".join(sql.split()[:3])) for sql in sqls
    ]  # savepoint names are numbered
    return [
        head
        for i, head in enumerate(heads)
        if not (head.startswith("INSERT") and i and heads[i - 1] == head)
    ]


@pytest.mark.django_db
def test_seed_queries_do_not_grow_with_pages_per_site(settings):
    """The bulk builder's statements depend on page types and sites, not on
    pages: 2 sites of ~8 pages and 2 more of ~48 run the same statements
    (before the specific rows and the reference index were batched, every page
    cost ~3 queries: 253 for 3 sites of ~18 pages)."""
    from benchmarks import site_data

    settings.DEBUG = True
    site_data.ensure_facts()
    _seed_queries(1, 0)  # the folder page, made once
    small = _seed_queries(3, 0)  # sites 2 and 3, ~8 pages each
    large = _seed_queries(5, 40)  # sites 4 and 5, ~48 pages each
    added = Page.objects.filter(depth__gt=3).count()
    assert added > 2 * 40
    assert _statements(small) == _statements(large)
    # the only growth: SQLite's 999-parameter cap splits the multi-row
    # INSERTs (~33 pages of ~30 columns each); PostgreSQL: none
    assert len(large) - len(small) <= 80 / 30
    assert len(large) < 100
    assert not any(Page.find_problems())


@pytest.mark.django_db
def test_seeded_pages_are_indexed_as_wagtail_would(settings):
    """Reference index rows (product facts embedded in product pages) and search
    entries are exactly those Wagtail's own per-page update would write."""
    from modelsearch.backends import get_search_backend
    from wagtail.models import ReferenceIndex

    from benchmarks import site_data
    from microsites.seeding import seed_microsites
    from wiki.models import ProductFact

    site_data.ensure_facts()
    ProductFact.objects.create(
        reference="TEST-PO-1", name="Portail battant 3 m", summary="Aluminium."
    )  # the first sites are gates: their product pages embed this fact
    seed_microsites(stdout=io.StringIO(), count=3, extra_pages=2)

    def rows():
        return sorted(
            ReferenceIndex.objects.values_list(
                "content_type_id",
                "base_content_type_id",
                "object_id",
                "to_content_type_id",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
            )
        )

    seeded = rows()
    assert any(model_path.startswith("body.") for *_x, model_path, _c, _h in seeded)
    for page in Page.objects.filter(depth__gt=2).specific():
        ReferenceIndex.create_or_update_for_object(page)
    assert rows() == seeded
    product = ProductPage.objects.live().first()
    results = get_search_backend().search(product.title, ProductPage)
    assert product.pk in [page.pk for page in results]
