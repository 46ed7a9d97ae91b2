"""The boss's question against figures worked out by hand (dashboard_data)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from prospecting import stats
from prospecting.models import Team
from prospecting.stats.periods import named_period

from .dashboard_data import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Labels compared as their msgids, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def data(staff_user, sales_user, manager_user):
    return build(staff=staff_user, sales=sales_user, manager=manager_user)


def last_60_days(**filters):
    today = timezone.localdate()
    period = stats.custom_period(today - timedelta(days=60), today)
    return stats.Scope(period=period, **filters)


def figures(lines):
    return {
        line.key: (
            line.leads,
            line.won_leads,
            line.revenue,
            line.pipeline,
            line.weighted,
        )
        for line in lines
    }


D = Decimal


def test_by_channel(data):
    lines = stats.breakdown(last_60_days(), "channel")
    assert [line.key for line in lines] == ["website", "war_room", "campaign", "other"]
    assert figures(lines) == {
        # L1 won 12 000; L2 open 2 000 × 10 %.
        "website": (2, 1, D("12000.00"), D("2000.00"), D("200.00")),
        # L5 open 4 000 × 20 % (contacted); L7 lost.
        "war_room": (2, 0, D("0.00"), D("4000.00"), D("800.00")),
        # L3 open 5 000 × its own 50 %; L4 won 3 000.
        "campaign": (2, 1, D("3000.00"), D("5000.00"), D("2500.00")),
        # L6 came in 90 days ago (not a lead of the period), won yesterday.
        "other": (0, 0, D("1500.00"), D("0.00"), D("0.00")),
    }
    assert [line.conversion for line in lines] == [50.0, 0.0, 50.0, None]
    total = stats.breakdown(last_60_days(), "channel")
    assert sum(line.revenue for line in total) == D("16500.00")


def test_by_site_names_sites_and_keeps_the_rest(data):
    lines = stats.breakdown(last_60_days(), "site")
    assert [(line.key, line.label) for line in lines] == [
        (data["nice"].pk, "Portails Nice"),
        (data["lille"].pk, "Brise-vue Lille"),
        (None, "No site (war room, imports…)"),
    ]
    assert figures(lines)[None] == (2, 0, D("1500.00"), D("4000.00"), D("800.00"))


def test_by_utm_source_and_campaign(data):
    sources = figures(stats.breakdown(last_60_days(), "utm_source"))
    assert sources == {
        "": (3, 1, D("13500.00"), D("4000.00"), D("800.00")),
        "salon": (1, 1, D("3000.00"), D("0.00"), D("0.00")),
        "google": (1, 0, D("0.00"), D("2000.00"), D("200.00")),
        "newsletter": (1, 0, D("0.00"), D("5000.00"), D("2500.00")),
    }
    campaigns = stats.breakdown(last_60_days(), "utm_campaign")
    assert [line.label for line in campaigns] == [
        "No campaign",
        "Salon batimat",
        "Newsletter printemps",
    ]


def test_a_limited_breakdown_adds_up_the_rest(data):
    scope = last_60_days()
    total = stats.breakdown(scope, "channel")
    from prospecting.stats.breakdown import rest_from_total, total_of

    lines = rest_from_total(
        stats.breakdown(scope, "utm_source", limit=2), total_of(total)
    )
    assert [line.label for line in lines][-1] == "All the others"
    assert sum(line.leads for line in lines) == 6
    assert sum(line.revenue for line in lines) == D("16500.00")
    assert lines[-1].leads == 2 and lines[-1].rest


def test_filters_site_channel_owner_team(data, sales_user):
    by_site = figures(stats.breakdown(last_60_days(site_id=data["nice"].pk), "channel"))
    assert by_site["website"][:3] == (2, 1, D("12000.00"))
    assert by_site["campaign"][0] == by_site["war_room"][0] == 0
    campaign = figures(stats.breakdown(last_60_days(channel="campaign"), "site"))
    assert set(campaign) == {data["lille"].pk}
    mine = figures(stats.breakdown(last_60_days(owner_id=sales_user.pk), "channel"))
    assert (mine["website"][0], mine["war_room"][0], mine["campaign"][0]) == (1, 1, 0)
    team = Team.objects.create(name="Sud-Est")
    team.members.add(sales_user)
    assert figures(stats.breakdown(last_60_days(team_id=team.pk), "channel")) == mine


def test_time_to_first_contact_median_and_p90(data):
    delays = stats.first_contact(last_60_days(), "channel")
    # Nearest rank: website 2 h and 6 h → median 2, p90 6.
    assert (delays["website"].median_hours, delays["website"].p90_hours) == (2.0, 6.0)
    assert (delays["campaign"].median_hours, delays["campaign"].p90_hours) == (1, 10)
    assert (delays["war_room"].contacted, delays["war_room"].median_hours) == (1, 30)
    overall = stats.first_contact(last_60_days())[None]
    # 1, 2, 6, 10, 30 h: median 6, 90 % within 30.
    assert (overall.contacted, overall.median_hours, overall.p90_hours) == (5, 6, 30)
    by_site = stats.first_contact(last_60_days(), "site")
    assert by_site[data["lille"].pk].median_hours == 1.0


def test_by_month(data):
    scope = last_60_days()
    result = stats.monthly(scope)
    assert result.months == scope.period.months and len(result.months) in (2, 3)
    local = timezone.localtime
    month_of = {
        name: local(data["now"] - timedelta(days=days)).date().replace(day=1)
        for name, days in (("L1", 10), ("L2", 20), ("L3", 5), ("L4", 8), ("L5", 15))
    }
    expected = {c: [0] * len(result.months) for c in stats.CHANNELS}
    for name, channel in (
        ("L1", "website"),
        ("L2", "website"),
        ("L3", "campaign"),
        ("L4", "campaign"),
        ("L5", "war_room"),
    ):
        expected[channel][result.months.index(month_of[name])] += 1
    l7 = local(data["now"] - timedelta(days=4)).date().replace(day=1)
    expected["war_room"][result.months.index(l7)] += 1
    assert result.leads == expected
    assert sum(sum(v) for v in result.revenue.values()) == D("16500.00")
    assert sum(result.weighted) == D("3500.00")


def test_report_tables_and_reader_without_revenue(data):
    report = stats.dashboard_report(last_60_days())
    assert [t.key for t in report.tables] == [
        "channel",
        "month",
        "site",
        "utm_source",
        "utm_campaign",
        "campaigns",  # registered by the campaigns app (tests/campaigns)
    ]
    channel = report.table("channel")
    assert channel.total[1:5] == [6, 2, 33.3, D("16500.00")]
    assert channel.filters[0]["channel"] == "website"
    assert report.table("site").filters[-1]["site"] == "none"
    hidden = stats.for_reader(channel, with_revenue=False)
    assert [c.key for c in hidden.columns] == [
        "name",
        "leads",
        "won_leads",
        "conversion",
        "median_hours",
        "p90_hours",
    ]


def test_named_periods():
    today = date(2026, 11, 17)
    assert named_period("month", today=today).first == date(2026, 11, 1)
    assert named_period("month", today=today).last == date(2026, 11, 30)
    quarter = named_period("quarter", today=today)
    assert (quarter.first, quarter.last) == (date(2026, 10, 1), date(2026, 12, 31))
    year = named_period("year", today=today)
    assert (year.first, year.last, len(year.months)) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        12,
    )
    twelve = named_period("12m", today=today)
    assert (twelve.first, twelve.last) == (date(2025, 12, 1), date(2026, 11, 30))
    assert len(twelve.months) == 12
