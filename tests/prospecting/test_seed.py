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


def test_month_weights_follow_the_season_and_the_war_room_ramp():
    from datetime import date

    from prospecting.seeds import month_weights

    today = date(2026, 12, 10)
    website = dict(month_weights(today, "website"))
    assert list(website) == [date(2025, 11, 1), date(2025, 12, 1)] + [
        date(2026, month, 1) for month in range(1, 13)
    ]
    assert website[date(2026, 5, 1)] > 2 * website[date(2026, 1, 1)]
    assert website[date(2026, 8, 1)] < website[date(2026, 9, 1)]
    # Only the elapsed third of December counts.
    assert website[date(2026, 12, 1)] == pytest.approx(0.5 * 10 / 31)
    war_room = dict(month_weights(today, "war_room"))
    assert war_room[date(2026, 11, 1)] / website[date(2026, 11, 1)] > 2 * (
        war_room[date(2025, 11, 1)] / website[date(2025, 11, 1)]
    )


def test_seeded_year_spreads_leads_deals_and_channels_over_the_months(settings):
    settings.DEBUG = True
    call_command(
        "seed_demo",
        "--only",
        "accounts",
        "prospecting",
        "--small",
        stdout=io.StringIO(),
    )
    months = stats.month_starts(12)
    leads = stats.leads_per_month(months)
    per_month = [sum(counts) for counts in zip(*leads.values(), strict=True)]
    # A couple of months before the charts' year, so its first months close
    # deals too; never older.
    assert 0.75 * Lead.objects.count() < sum(per_month) < Lead.objects.count()
    oldest = Lead.objects.order_by("created_at").first().created_at.date()
    assert (months[0] - oldest).days < 65
    assert sum(1 for n in per_month if n) >= 10
    assert all(sum(leads[channel]) > 0 for channel in stats.CHANNELS)
    revenue = stats.revenue_per_month(months)
    won_months = [sum(v) for v in zip(*revenue.values(), strict=True)]
    assert sum(1 for amount in won_months if amount) >= 5
    assert Deal.objects.count() >= 8
    assert stats.leaderboard(stats.period_starts()["week"])


def test_seed_brings_campaigns_sites_first_contacts_imports_and_teams(settings):
    from wagtail.models import Page, Site

    from prospecting.attribution import source_words
    from prospecting.models import Team

    root = Page.get_first_root_node()
    for host, name in (
        ("portails-bordeaux.localhost", "Portails Bordeaux"),
        ("grillage-lyon.localhost", "Grillage Lyon"),
        ("clotures-nantes.localhost", "Clôtures Nantes"),
    ):
        Site.objects.create(hostname=host, port=80, root_page=root, site_name=name)
    settings.DEBUG = True
    call_command(
        "seed_demo",
        "--only",
        "accounts",
        "prospecting",
        "--small",
        stdout=io.StringIO(),
    )
    campaigns = set(
        Lead.objects.filter(channel="campaign").values_list("utm_campaign", flat=True)
    )
    assert len(campaigns) >= 3 and "newsletter-printemps" in campaigns
    assert (
        Lead.objects.filter(site__isnull=False).values("site").distinct().count() == 3
    )
    assert Lead.objects.filter(channel="website").exists()
    web = Lead.objects.filter(
        channel__in=("website", "campaign"), first_contact_at__isnull=False
    )
    hours = [
        (lead.first_contact_at - lead.created_at).total_seconds() / 3600 for lead in web
    ]
    assert hours and sorted(hours)[len(hours) // 2] < 12  # called back within hours
    assert all(h >= 0 for h in hours)
    imported = Lead.objects.filter(source="import").select_related("import_job").first()
    assert imported.import_job and imported.import_job.original_name in source_words(
        imported
    )
    assert Team.objects.filter(members__username="sales").exists()
    # Idempotent: teams and import files are not made twice.
    call_command("seed_demo", "--only", "prospecting", "--small", stdout=io.StringIO())
    assert Team.objects.count() == 2
