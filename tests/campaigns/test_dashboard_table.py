"""The boss's dashboard, per campaign: mails sent, clicks, replies (the
campaigns app's facts) beside leads, won revenue and pipeline (the war room's),
each campaign's name opening its page for those who may open it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from hub.models import Notification
from prospecting.models import Lead
from tests.campaigns.factories import make_campaign, make_campaign_lead, mark_sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_campaigns(manager_user):
    appeal = make_campaign(slug="souvenirs")
    mark_sent(appeal)
    make_campaign_lead(appeal, "Portails Rhône", by=manager_user, won=Decimal("8400"))
    make_campaign_lead(appeal, "Clôtures Ain", by=manager_user, value="2000")
    reminder = make_campaign(slug="relance")
    Campaign.objects.filter(pk=reminder.pk).update(name="Relance printemps")
    mark_sent(reminder, sent=2, clicked=0, replied=0, days_ago=1)
    draft = make_campaign(slug="brouillon")  # never sent: not in the table
    return appeal, reminder, draft


def _rows(response):
    table = response.context["tables"]["campaigns"]
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows], table


def test_each_campaign_shows_what_it_brought(client, manager_user, two_campaigns):
    appeal, reminder, _draft = two_campaigns
    client.force_login(manager_user)
    response = client.get(reverse("prospecting:dashboard"))
    rows, table = _rows(response)
    assert [r["name"] for r in rows] == ["Vos souvenirs attendent", "Relance printemps"]
    first = rows[0]
    assert (first["sent"], first["clicked"], first["replied"]) == (4, 2, 1)
    assert (first["leads"], first["won_leads"]) == (2, 1)
    assert first["revenue"] == Decimal("8400.00")
    assert first["pipeline"] == Decimal("2000.00")
    assert (rows[1]["sent"], rows[1]["leads"], rows[1]["revenue"]) == (2, 0, 0)
    assert table.links == [appeal.get_absolute_url(), reminder.get_absolute_url()]
    html = response.content.decode()
    assert f'<a href="{appeal.get_absolute_url()}">Vos souvenirs attendent</a>' in html
    assert "Par campagne" in html or "By campaign" in html


def test_a_campaign_of_an_earlier_period_that_brought_nothing_in_it_is_left_out(
    client, manager_user
):
    old = make_campaign(slug="ancienne")
    mark_sent(old, days_ago=200)
    client.force_login(manager_user)
    response = client.get(reverse("prospecting:dashboard"), {"period": "month"})
    rows, _table = _rows(response)
    assert rows == []


def test_sales_see_the_revenue_but_no_link_to_the_managers_pages(
    client, sales_user, two_campaigns
):
    client.force_login(sales_user)
    rows, table = _rows(client.get(reverse("prospecting:dashboard")))
    assert rows[0]["revenue"] == Decimal("8400.00")
    assert table.links == []


def test_staff_see_the_counts_without_revenue(client, staff_user, two_campaigns):
    client.force_login(staff_user)
    rows, table = _rows(client.get(reverse("prospecting:dashboard")))
    assert "revenue" not in rows[0] and "pipeline" not in rows[0]
    assert (rows[0]["sent"], rows[0]["leads"]) == (4, 2)
    assert table.links == []


def test_the_surge_moves_only_unanswered_requests_and_notifies(
    client, manager_user, sales_user, two_campaigns
):
    appeal, _reminder, _draft = two_campaigns
    leads = [
        make_campaign_lead(appeal, f"Demande {i}", by=manager_user) for i in range(3)
    ]
    Lead.objects.filter(pk__in=[lead.pk for lead in leads]).update(owner=manager_user)
    answered = leads[0]
    Lead.objects.filter(pk=answered.pk).update(first_contact_at=timezone.now())
    client.force_login(manager_user)
    response = client.post(
        reverse("campaigns:surge", args=[appeal.pk]),
        {"from_owner": manager_user.pk, "to_owners": [sales_user.pk], "count": 10},
    )
    assert response.status_code == 302
    owners = dict(
        Lead.objects.filter(pk__in=[lead.pk for lead in leads]).values_list(
            "pk", "owner__username"
        )
    )
    assert owners[answered.pk] == "manager"  # answered already: stays
    assert [owners[lead.pk] for lead in leads[1:]] == ["sales", "sales"]
    assert Notification.objects.filter(user=sales_user).count() == 2


def test_sales_cannot_move_the_wave(client, manager_user, sales_user, two_campaigns):
    appeal, _reminder, _draft = two_campaigns
    lead = make_campaign_lead(appeal, "Demande seule", by=manager_user)
    Lead.objects.filter(pk=lead.pk).update(owner=manager_user)
    client.force_login(sales_user)
    response = client.post(
        reverse("campaigns:surge", args=[appeal.pk]),
        {"from_owner": manager_user.pk, "to_owners": [sales_user.pk], "count": 1},
    )
    assert response.status_code == 403
    lead.refresh_from_db()
    assert lead.owner == manager_user


def test_the_table_exports_as_csv(client, sales_user, two_campaigns):
    client.force_login(sales_user)
    response = client.get(reverse("prospecting:dashboard_csv"), {"table": "campaigns"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 3  # header, two campaigns
    assert lines[1].startswith("Vos souvenirs attendent;4;2;1;2;1;")
