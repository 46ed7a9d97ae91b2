import io

import pytest
from django.core.management import call_command

from hub import roles
from prospecting import selectors, stats
from prospecting.models import Activity, Deal, Lead

pytestmark = pytest.mark.django_db


def test_small_seed_tells_the_story_and_is_idempotent(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command(
        "seed_demo", "--only", "accounts", "prospecting", "--small", stdout=out
    )
    assert "prospecting" in out.getvalue() and "[" in out.getvalue()
    total = Lead.objects.count()
    assert total >= 60
    assert Lead.objects.filter(source="website").count() >= 15
    assert Lead.objects.filter(source="war_room").count() >= 15
    non_sales = [
        lead.found_by
        for lead in Lead.objects.filter(found_by__isnull=False).select_related(
            "found_by"
        )
        if not roles.is_sales(lead.found_by)
    ]
    assert len(non_sales) >= 10
    website = Lead.objects.filter(source="website").first()
    assert website.attribution["hostname"].endswith(".localhost")
    assert Deal.objects.exists() and Activity.objects.filter(kind="call").exists()
    revenue = stats.revenue_by_channel()
    assert revenue["website"] > 0 and revenue["war_room"] > 0
    call_command("seed_demo", "--only", "prospecting", "--small", stdout=out)
    assert Lead.objects.count() == total


def test_seed_attributes_website_leads_to_existing_microsites(settings):
    from wagtail.models import Page, Site

    from prospecting.seeds import microsite_targets

    root = Page.get_first_root_node()
    site = Site.objects.create(
        hostname="portails-bordeaux.localhost",
        port=80,
        root_page=root,
        site_name="Portails Bordeaux",
    )
    targets = microsite_targets()
    assert targets == [
        {
            "site_id": site.pk,
            "site_name": "Portails Bordeaux",
            "hostname": "portails-bordeaux.localhost",
        }
    ]
    settings.DEBUG = True
    call_command(
        "seed_demo",
        "--only",
        "accounts",
        "prospecting",
        "--small",
        stdout=io.StringIO(),
    )
    counts = selectors.lead_counts_by_site()
    assert counts[site.pk] == Lead.objects.filter(source="website").count() > 0
