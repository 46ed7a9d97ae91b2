"""The short figures: the staff home's panel (leads per channel, your finds,
won revenue), the finds leaderboard, stale leads, and the per-month series the
demo seed checks. Grouped in the database by `Lead.channel`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from ..attribution import CHANNELS
from ..models import Deal, Lead, PipelineStage
from .breakdown import monthly
from .periods import Period, add_months
from .scope import Scope

# Finds: leads an employee brought in by hand (not a form, an import or a campaign).
FIND_SOURCES = ("war_room", "api", "referral", "video", "other")


def _months_scope(months: list[date]) -> Scope:
    last = add_months(months[-1], 1) - timedelta(days=1)
    return Scope(period=Period("custom", months[0], last))


def leads_per_month(months: list[date]) -> dict[str, list[int]]:
    """{channel: [leads created per month]} (merged and trashed ones excluded)."""
    return monthly(_months_scope(months)).leads


def revenue_per_month(months: list[date]) -> dict[str, list[Decimal]]:
    """{channel: [won amount per month]}, by the month the deal was won."""
    return monthly(_months_scope(months)).revenue


def revenue_by_channel(since=None) -> dict[str, Decimal]:
    deals = Deal.objects.filter(
        lead__deleted_at__isnull=True, lead__merged_into__isnull=True
    )
    if since is not None:
        deals = deals.filter(won_at__gte=since)
    result = {c: Decimal(0) for c in CHANNELS}
    rows = deals.values_list("lead__channel").annotate(total=Sum("amount")).order_by()
    for channel, total in rows:
        if channel in result:
            result[channel] += total or 0
    return result


def leads_by_channel(since=None) -> dict[str, int]:
    queryset = Lead.objects.alive()
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    result = dict.fromkeys(CHANNELS, 0)
    for channel, n in (
        queryset.values_list("channel").annotate(n=Count("pk")).order_by()
    ):
        if channel in result:
            result[channel] += n
    return result


def channel_split_and_finds(user, *, since, finds_since) -> tuple[dict[str, int], int]:
    """`leads_by_channel(since)` and `finds_count(user, finds_since)` in one
    query (the staff home's panel shows both on every request)."""
    mine = Q(found_by=user, created_at__gte=finds_since, source__in=FIND_SOURCES)
    rows = (
        Lead.objects.alive()
        .filter(created_at__gte=min(since, finds_since))
        .values_list("channel")
        .annotate(
            n=Count("pk", filter=Q(created_at__gte=since)),
            mine=Count("pk", filter=mine),
        )
        .order_by()
    )
    split, finds = dict.fromkeys(CHANNELS, 0), 0
    for channel, n, found in rows:
        if channel in split:
            split[channel] += n
        finds += found
    return split, finds


def leaderboard(since, *, limit: int = 10) -> list[dict]:
    """Finds per employee since `since` (every role, not only Sales)."""
    rows = (
        Lead.objects.alive()
        .filter(created_at__gte=since, found_by__isnull=False, source__in=FIND_SOURCES)
        .values("found_by")
        .annotate(n=Count("pk"))
        .order_by("-n", "found_by")[:limit]
    )
    users = get_user_model().objects.in_bulk([r["found_by"] for r in rows])
    return [
        {"user": users[r["found_by"]], "finds": r["n"]}
        for r in rows
        if r["found_by"] in users
    ]


def finds_count(user, since) -> int:
    return (
        Lead.objects.alive()
        .filter(found_by=user, created_at__gte=since, source__in=FIND_SOURCES)
        .count()
    )


def stale_leads(queryset, *, before, limit: int = 10):
    stale = queryset.filter(
        last_activity_at__lt=before, stage__kind=PipelineStage.Kind.OPEN
    )
    return stale.count(), list(
        stale.select_related("company", "stage", "owner").order_by("last_activity_at")[
            :limit
        ]
    )
