"""Reads of the campaigns app: the list with its numbers, the surge."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncHour
from django.utils import timezone

from prospecting.models import Deal, Lead

from .models import Campaign, Recipient


def campaign_list() -> QuerySet[Campaign]:
    done = Q(recipients__status__in=[Recipient.Status.SENT, Recipient.Status.BOUNCED])
    return Campaign.objects.select_related("audience", "site").annotate(
        total=Count("recipients"),
        sent=Count("recipients", filter=done),
        clicked=Count("recipients", filter=Q(recipients__clicked_at__isnull=False)),
        replied=Count("recipients", filter=Q(recipients__replied_at__isnull=False)),
    )


def status_counts(campaign: Campaign) -> dict[str, int]:
    rows = campaign.recipients.values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status, _label in Recipient.Status.choices}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def response_counts(campaign: Campaign) -> dict[str, int]:
    return campaign.recipients.aggregate(
        clicked=Count("pk", filter=Q(clicked_at__isnull=False)),
        replied=Count("pk", filter=Q(replied_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )


def campaign_leads(campaign: Campaign) -> QuerySet[Lead]:
    """Leads the campaign brought: made by its replies or by quotes reached
    through its links (their UTM campaign is the campaign's key)."""
    return Lead.objects.alive().filter(utm_campaign=campaign.slug)


def campaign_revenue(campaign: Campaign) -> dict:
    leads = campaign_leads(campaign)
    won = Deal.objects.filter(lead__in=leads).aggregate(
        total=Sum("amount"), n=Count("pk")
    )
    return {
        "leads": leads.count(),
        "won_count": won["n"] or 0,
        "won": won["total"] or 0,
    }


def campaign_unanswered(campaign: Campaign) -> QuerySet[Lead]:
    """Requests of the wave nobody has answered yet."""
    return campaign_leads(campaign).filter(
        first_contact_at__isnull=True, stage__kind="open"
    )


def unanswered_by_owner(campaign: Campaign) -> list[dict]:
    rows = (
        campaign_unanswered(campaign)
        .values("owner")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("-waiting")
    )
    users = get_user_model().objects.in_bulk([r["owner"] for r in rows if r["owner"]])
    return [{**row, "user": users.get(row["owner"])} for row in rows]


def requests_per_hour(campaign: Campaign, *, hours: int = 96) -> list[dict]:
    """Incoming requests (new leads of the campaign and replies) per hour since
    the send began: the shape of the wave."""
    if not campaign.started_at:
        return []
    start = campaign.started_at.replace(minute=0, second=0, microsecond=0)
    end = min(timezone.now(), start + timedelta(hours=hours))
    leads = (
        campaign_leads(campaign)
        .filter(created_at__gte=start)
        .annotate(hour=TruncHour("created_at"))
        .values("hour")
        .annotate(n=Count("pk"))
    )
    replies = (
        campaign.recipients.filter(replied_at__gte=start)
        .annotate(hour=TruncHour("replied_at"))
        .values("hour")
        .annotate(n=Count("pk"))
    )
    per_hour: dict = {}
    for row in list(leads) + list(replies):
        per_hour[row["hour"]] = per_hour.get(row["hour"], 0) + row["n"]
    out, hour = [], start
    while hour <= end:
        out.append({"hour": hour, "requests": per_hour.get(hour, 0)})
        hour += timedelta(hours=1)
    return out


def campaign_facts(period) -> list:
    """What the boss's dashboard shows of each campaign sent before the end of
    `period` (prospecting.stats.campaigns): mails sent, clicks, replies."""
    from prospecting.stats import CampaignFacts

    campaigns = campaign_list().filter(started_at__lt=period.end).order_by()
    return [
        CampaignFacts(
            key=campaign.slug,
            name=campaign.name,
            url=campaign.get_absolute_url(),
            sent=campaign.sent,
            clicked=campaign.clicked,
            replied=campaign.replied,
            started_in_period=campaign.started_at >= period.start,
        )
        for campaign in campaigns
    ]
