"""Dashboard figures against values computed by hand from a small, dated data set."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from prospecting import services, stats
from prospecting.models import Lead

from .factories import make_lead

pytestmark = pytest.mark.django_db


def backdate(lead, when):
    Lead.objects.filter(pk=lead.pk).update(created_at=when, last_activity_at=when)
    lead.refresh_from_db()
    return lead


def move(lead, key, by, at, amount=None):
    services.lead_move_stage(
        lead=lead, stage=services.stage_by_key(key), by=by, at=at, won_amount=amount
    )


@pytest.fixture
def dataset(staff_user, sales_user):
    now = timezone.now()
    l1 = backdate(
        make_lead("L1", source="website", estimated_value=Decimal("10000")),
        now - timedelta(days=4),
    )
    move(l1, "won", sales_user, now - timedelta(days=3))
    l2 = backdate(
        make_lead("L2", source="website", estimated_value=Decimal("1000")),
        now - timedelta(days=35),
    )
    t0 = now - timedelta(days=10)
    l3 = backdate(make_lead("L3", by=staff_user), t0)
    move(l3, "contacted", sales_user, t0 + timedelta(days=2))
    move(l3, "qualified", sales_user, t0 + timedelta(days=5))
    move(l3, "won", sales_user, t0 + timedelta(days=9), amount=Decimal("5000"))
    l4 = make_lead("L4", source="api", by=staff_user, estimated_value=Decimal("3333"))
    services.lead_update(lead=l4, by=sales_user, probability=33)
    l5 = backdate(make_lead("L5", source="import"), now - timedelta(days=6))
    move(l5, "lost", sales_user, now - timedelta(days=5))
    return {"now": now, "leads": [l1, l2, l3, l4, l5]}


def test_leads_and_revenue_per_month_by_channel(dataset):
    months = stats.month_starts(12)
    local = timezone.localtime
    expected = {c: [0] * 12 for c in ("website", "war_room", "campaign", "other")}
    # L4 came through the API: a machine, not someone prospecting ("other").
    channel = {
        "L1": "website",
        "L2": "website",
        "L3": "war_room",
        "L4": "other",
        "L5": "other",
    }
    for lead in dataset["leads"]:
        lead.refresh_from_db()
        created = local(lead.created_at).date().replace(day=1)
        expected[channel[lead.company.name]][months.index(created)] += 1
    assert stats.leads_per_month(months) == expected
    revenue = stats.revenue_per_month(months)
    won_month = months.index(
        local(dataset["now"] - timedelta(days=3)).date().replace(day=1)
    )
    l3_month = months.index(
        local(dataset["now"] - timedelta(days=1)).date().replace(day=1)
    )
    assert revenue["website"][won_month] == Decimal("10000")
    assert revenue["war_room"][l3_month] == Decimal("5000")
    assert sum(revenue["website"]) == Decimal("10000")
    assert sum(revenue["war_room"]) == Decimal("5000")
    assert sum(revenue["other"]) == 0
    assert stats.revenue_by_channel() == {
        "website": Decimal("10000"),
        "war_room": Decimal("5000"),
        "campaign": Decimal("0"),
        "other": Decimal("0"),
    }
    assert stats.leads_by_channel() == {
        "website": 2,
        "war_room": 1,
        "campaign": 0,
        "other": 2,
    }


def test_conversion_per_stage(dataset):
    rows = {
        r["stage"].key: (r["entered"], r["rate"]) for r in stats.conversion_per_stage()
    }
    assert rows == {
        "new": (5, 100.0),
        "contacted": (1, 20.0),
        "qualified": (1, 20.0),
        "quote_sent": (0, 0.0),
        "won": (2, 40.0),
        "lost": (1, 20.0),
    }


def test_time_in_stage(dataset):
    rows = {r["stage"].key: (r["days"], r["stays"]) for r in stats.time_in_stage()}
    # new: L3 2 days, L1 1 day, L5 1 day → 4/3; contacted 3 days; qualified 4 days.
    assert rows == {
        "new": (1.3, 3),
        "contacted": (3.0, 1),
        "qualified": (4.0, 1),
        "quote_sent": (None, 0),
    }


def test_forecast(dataset):
    result = stats.forecast()
    lines = {
        line["stage"].key: (line["value"], line["weighted"]) for line in result["lines"]
    }
    # L2: 1000 × 10 % (stage default) + L4: 3333 × 33 % (its own) = 100 + 1099.89
    assert lines["new"] == (Decimal("4333.00"), Decimal("1199.89"))
    assert lines["contacted"] == (Decimal("0.00"), Decimal("0.00"))
    assert result["weighted"] == Decimal("1199.89")
    assert result["value"] == Decimal("4333.00")


def test_leaderboard_counts_finds_of_every_role_in_the_period(
    staff_user, sales_user, editor_user
):
    now = timezone.now()
    for name in ("A", "B"):
        make_lead(name, by=staff_user)
    make_lead("C", by=editor_user)
    backdate(make_lead("D", by=editor_user), now - timedelta(days=70))
    make_lead("E", by=sales_user, source="import")  # an import is not a find
    make_lead("F", source="website")
    week = stats.leaderboard(stats.period_starts()["week"])
    assert [(r["user"].username, r["finds"]) for r in week] == [
        ("staff", 2),
        ("editor", 1),
    ]
    assert stats.finds_count(staff_user, stats.period_starts()["week"]) == 2
    assert stats.finds_count(editor_user, now - timedelta(days=365)) == 2


def test_stale_leads(sales_user):
    fresh = make_lead("Frais")
    old = backdate(make_lead("Oublié"), timezone.now() - timedelta(days=40))
    won = backdate(make_lead("Gagné ancien"), timezone.now() - timedelta(days=40))
    services.lead_move_stage(
        lead=won,
        stage=services.stage_by_key("won"),
        by=sales_user,
        at=timezone.now() - timedelta(days=39),
    )
    count, leads = stats.stale_leads(
        Lead.objects.alive(), before=timezone.now() - timedelta(days=14)
    )
    assert (count, leads) == (1, [old])
    assert fresh not in leads


def dashboard(user):
    client = Client()
    client.force_login(user)
    return client.get("/war-room/dashboard/")


def test_dashboard_shows_revenue_to_sales_only(
    dataset, staff_user, sales_user, manager_user, outsider_user
):
    staff_html = dashboard(staff_user).content.decode()
    assert 'id="leaderboard-week"' in staff_html
    assert 'id="forecast"' not in staff_html and "data-revenue" not in staff_html
    assert "10 000" not in staff_html and "10\u202f000" not in staff_html
    for user in (sales_user, manager_user):
        html = dashboard(user).content.decode()
        assert 'id="forecast"' in html and "data-revenue" in html
    assert dashboard(outsider_user).status_code == 403
    assert Client().get("/war-room/dashboard/").status_code == 302


def test_staff_home_panel(dataset, staff_user, sales_user):
    client = Client()
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert 'data-panel="website">2<' in html and 'data-panel="war_room">1<' in html
    assert 'data-panel="other">2<' in html and 'data-panel="campaign">0<' in html
    assert 'data-panel="mine">' in html
    assert "data-panel-revenue" not in html
    client.force_login(sales_user)
    html = client.get("/").content.decode()
    website = html.split('data-panel-revenue="website">')[1].split("<")[0]
    assert (
        website.replace("\u202f", "").replace("\xa0", "").replace(" ", "") == "10000€"
    )
