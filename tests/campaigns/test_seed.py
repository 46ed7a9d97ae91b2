import io

import pytest
from django.core.management import call_command

from campaigns import selectors
from campaigns.models import Campaign
from campaigns.seeds import APPEAL_SLUG

pytestmark = pytest.mark.django_db


def test_demo_campaign_has_its_wave_and_is_seeded_once(settings):
    settings.DEBUG = True
    out = io.StringIO()
    args = ("seed_demo", "--only", "accounts", "prospecting", "campaigns", "--small")
    call_command(*args, stdout=out)
    appeal = Campaign.objects.get(slug=APPEAL_SLUG)
    assert appeal.status == Campaign.Status.SENT
    assert appeal.recipients.filter(status="sent").exists()
    revenue = selectors.campaign_revenue(appeal)
    assert revenue["leads"] == 8 and revenue["won"] > 0
    channels = {
        (lead.channel, lead.source) for lead in selectors.campaign_leads(appeal)
    }
    assert channels == {("campaign", "website")}, channels
    assert selectors.unanswered_by_owner(appeal)
    per_hour = selectors.requests_per_hour(appeal)
    assert any(row["requests"] for row in per_hour)
    call_command(*args, stdout=out)
    assert Campaign.objects.filter(slug=APPEAL_SLUG).count() == 1
    assert "already there" in out.getvalue()
