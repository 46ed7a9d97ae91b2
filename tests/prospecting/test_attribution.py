"""Channels, sites and UTM tags decided in one place, stamped at intake, kept
through merges, and the source of a lead in words."""

import pytest
from django.utils import translation
from wagtail.models import Page, Site

from prospecting import services
from prospecting.attribution import channel_of, source_words, utm_of
from prospecting.models import ImportJob, Lead

from .factories import make_lead


def touch(**tags):
    return {"utm_source": "", "utm_medium": "", "utm_campaign": "", **tags}


@pytest.mark.parametrize(
    "source,attribution,channel",
    [
        ("website", {"site_id": 1, "last_touch": touch()}, "website"),
        ("website", {"last_touch": touch(utm_source="google")}, "website"),
        (
            "website",
            {"last_touch": touch(utm_source="newsletter", utm_campaign="printemps")},
            "campaign",
        ),
        ("website", {"first_touch": touch(utm_medium="Email")}, "campaign"),
        ("website", {"last_touch": touch(utm_medium="newsletter")}, "campaign"),
        ("other", {"campaign": {"key": "relance-2026", "name": "Relance"}}, "campaign"),
        ("campaign", None, "campaign"),
        ("war_room", None, "war_room"),
        ("api", None, "other"),
        ("import", None, "other"),
        ("referral", {}, "other"),
        ("video", "not a dict", "other"),
        ("website", {"last_touch": ["junk"], "first_touch": 3}, "website"),
    ],
)
def test_channel_of(source, attribution, channel):
    assert channel_of(source, attribution) == channel


def test_utm_tags_come_from_the_campaign_touch_trimmed_and_lower_case():
    attribution = {
        "last_touch": touch(),  # the visit that sent the form: no tags
        "first_touch": touch(
            utm_source=" Newsletter ", utm_medium="EMAIL", utm_campaign="x" * 300
        ),
    }
    assert utm_of(attribution) == {
        "utm_source": "newsletter",
        "utm_medium": "email",
        "utm_campaign": "x" * 100,
    }
    assert utm_of({"campaign": "Salon Batimat"})["utm_campaign"] == "salon batimat"


@pytest.fixture
def site(db):
    return Site.objects.create(
        hostname="portails-nice.localhost",
        port=80,
        root_page=Page.get_first_root_node(),
        site_name="Portails Nice",
    )


def web_attribution(site_id, **tags):
    return {
        "site_id": site_id,
        "site_name": "Portails Nice",
        "hostname": "portails-nice.localhost",
        "last_touch": touch(**tags),
    }


@pytest.mark.django_db
def test_intake_stamps_channel_site_and_tags(site):
    lead = make_lead(
        "Haras A",
        source="website",
        attribution=web_attribution(
            site.pk, utm_source="newsletter", utm_campaign="newsletter-printemps"
        ),
    )
    lead.refresh_from_db()
    assert (lead.channel, lead.site_id) == ("campaign", site.pk)
    assert (lead.utm_source, lead.utm_campaign) == (
        "newsletter",
        "newsletter-printemps",
    )
    # A site that does not exist (an API client's typo) leaves the site empty.
    other = make_lead(
        "Haras B", source="website", attribution=web_attribution(site.pk + 99)
    )
    other.refresh_from_db()
    assert (other.channel, other.site_id) == ("website", None)


@pytest.mark.django_db
def test_batch_intake_stamps_imports_as_other(sales_user):
    from prospecting.services import lead_intake_batch

    lead_intake_batch(
        items=[services.BatchItem(company={"name": "Import SA"})],
        source="import",
        by=sales_user,
        found_by=sales_user,
    )
    assert Lead.objects.get(company__name="Import SA").channel == "other"


@pytest.mark.django_db
def test_merge_choosing_the_other_source_restamps_and_undo_restores(site, sales_user):
    keep = make_lead("Camping du Lac", source="war_room", by=sales_user)
    merged = make_lead(
        "Camping du Lac bis",
        source="website",
        attribution=web_attribution(site.pk, utm_campaign="salon-batimat"),
    )
    services.lead_merge(
        keep=keep,
        merged=merged,
        by=sales_user,
        choices={"source": "merged", "attribution": "merged"},
    )
    keep.refresh_from_db()
    assert (keep.channel, keep.site_id, keep.utm_campaign) == (
        "campaign",
        site.pk,
        "salon-batimat",
    )
    from prospecting.models import LeadMerge

    services.lead_merge_undo(merge=LeadMerge.objects.get(), by=sales_user)
    keep.refresh_from_db()
    assert (keep.channel, keep.site_id, keep.utm_campaign) == ("war_room", None, "")


@pytest.mark.django_db
def test_source_in_words(site, staff_user, sales_user):
    translation.activate("en")  # the msgids; pytest-django resets the language
    staff_user.first_name, staff_user.last_name = "Julie", "Martin"
    staff_user.save()
    website = make_lead("A", source="website", attribution=web_attribution(site.pk))
    campaign = make_lead(
        "B",
        source="website",
        attribution=web_attribution(site.pk, utm_campaign="newsletter-printemps"),
    )
    named = make_lead(
        "C", source="other", attribution={"campaign": {"name": "Appel de novembre"}}
    )
    found = make_lead("D", source="war_room", by=staff_user)
    job = ImportJob.objects.create(created_by=sales_user, original_name="salon.csv")
    imported = make_lead("E", source="import")
    Lead.objects.filter(pk=imported.pk).update(import_job=job)
    imported.refresh_from_db()
    api = make_lead("F", source="api", by=staff_user)
    assert source_words(website) == "Portails Nice"
    assert source_words(campaign) == "Campaign “Newsletter printemps” · Portails Nice"
    assert source_words(named) == "Campaign “Appel de novembre”"
    assert source_words(found) == "War room — found by Julie Martin"
    assert source_words(imported) == "Import salon.csv"
    assert source_words(api) == "API — by Julie Martin"


@pytest.mark.django_db
def test_source_words_on_list_card_and_detail(
    site, sales_user, django_assert_max_num_queries
):
    from django.test import Client

    lead = make_lead(
        "Golf des Pins",
        source="website",
        attribution=web_attribution(site.pk, utm_campaign="salon-batimat"),
    )
    for n in range(5):
        make_lead(f"Trouvaille {n}", source="war_room", by=sales_user)
    client = Client()
    client.force_login(sales_user)
    with translation.override("fr"):  # what the pages (in French) say
        words = source_words(lead)
    assert "Salon batimat" in words and "Portails Nice" in words
    for url in ("/war-room/", "/war-room/list/", lead.get_absolute_url()):
        html = client.get(url).content.decode()
        assert words in html, url
        assert "salon-batimat" not in html.split("<main")[1].split("wr-attribution")[0]
    # The finder of every card comes with the page's query, not one per card.
    with django_assert_max_num_queries(20):
        client.get("/war-room/list/")


@pytest.mark.django_db
def test_migration_backfills_existing_leads(site):
    import importlib

    from django.apps import apps

    lead = make_lead(
        "Ancien",
        source="website",
        attribution=web_attribution(site.pk, utm_source="bing"),
    )
    Lead.objects.filter(pk=lead.pk).update(channel="other", site=None, utm_source="")
    migration = importlib.import_module(
        "prospecting.migrations.0011_lead_channel_site_utm"
    )
    migration.stamp_existing(apps, None)
    lead.refresh_from_db()
    assert (lead.channel, lead.site_id, lead.utm_source) == ("website", site.pk, "bing")
