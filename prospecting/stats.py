"""Dashboard figures (read-only). Each function returns plain numbers so tests
can compare them with values computed by hand.

Channels: "websites" = leads from microsite forms (source website); "war room" =
direct prospecting logged by employees (quick add, bookmarklet, API); "other" =
imports, referrals, video, other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Deal, Lead, PipelineStage, StageChange

CHANNELS = {
    "website": ("website",),
    "war_room": ("war_room", "api"),
    "other": ("import", "referral", "video", "other"),
}
CHANNEL_LABELS = {
    "website": _("Websites"),
    "war_room": _("War room"),
    "other": _("Other"),
}
FIND_SOURCES = ("war_room", "api", "referral", "video", "other")


def channel_of(source: str) -> str:
    for channel, sources in CHANNELS.items():
        if source in sources:
            return channel
    return "other"


def month_starts(count: int = 12, *, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _i in range(count):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _aware(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _month_key(value) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def leads_per_month(months: list[date]) -> dict[str, list[int]]:
    """{channel: [count per month]} of leads created (merged ones excluded)."""
    rows = (
        Lead.objects.filter(
            deleted_at__isnull=True,
            merged_into__isnull=True,
            created_at__gte=_aware(months[0]),
        )
        .annotate(month=TruncMonth("created_at"))
        .values("month", "source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {c: [0] * len(months) for c in CHANNELS}
    index = {m: i for i, m in enumerate(months)}
    for row in rows:
        i = index.get(_month_key(row["month"]))
        if i is not None:
            result[channel_of(row["source"])][i] += row["n"]
    return result


def revenue_per_month(months: list[date]) -> dict[str, list[Decimal]]:
    """{channel: [won amount per month]} by the month the deal was won."""
    rows = (
        Deal.objects.filter(
            lead__deleted_at__isnull=True,
            lead__merged_into__isnull=True,
            won_at__gte=_aware(months[0]),
        )
        .annotate(month=TruncMonth("won_at"))
        .values("month", "lead__source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    result = {c: [Decimal(0)] * len(months) for c in CHANNELS}
    index = {m: i for i, m in enumerate(months)}
    for row in rows:
        i = index.get(_month_key(row["month"]))
        if i is not None:
            result[channel_of(row["lead__source"])][i] += row["total"] or 0
    return result


def revenue_by_channel() -> dict[str, Decimal]:
    rows = (
        Deal.objects.filter(
            lead__deleted_at__isnull=True, lead__merged_into__isnull=True
        )
        .values("lead__source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    result = {c: Decimal(0) for c in CHANNELS}
    for row in rows:
        result[channel_of(row["lead__source"])] += row["total"] or 0
    return result


def leads_by_channel(since=None) -> dict[str, int]:
    queryset = Lead.objects.alive()
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    result = dict.fromkeys(CHANNELS, 0)
    for source, n in queryset.values_list("source").annotate(n=Count("pk")).order_by():
        result[channel_of(source)] += n
    return result


def channel_split_and_finds(user, *, since, finds_since) -> tuple[dict[str, int], int]:
    """`leads_by_channel(since)` and `finds_count(user, finds_since)` in one
    query (the staff home's panel shows both on every request)."""
    mine = Q(found_by=user, created_at__gte=finds_since, source__in=FIND_SOURCES)
    rows = (
        Lead.objects.alive()
        .filter(created_at__gte=min(since, finds_since))
        .values_list("source")
        .annotate(
            n=Count("pk", filter=Q(created_at__gte=since)),
            mine=Count("pk", filter=mine),
        )
        .order_by()
    )
    split, finds = dict.fromkeys(CHANNELS, 0), 0
    for source, n, found in rows:
        split[channel_of(source)] += n
        finds += found
    return split, finds


def conversion_per_stage() -> list[dict]:
    """For each stage: leads that ever entered it (current stage or a recorded
    move into it) and that number as a share of all leads."""
    from .services import stages_ensure

    stages = stages_ensure()
    alive = Lead.objects.alive()
    total = alive.count()
    initial = next((s for s in stages if s.kind == PipelineStage.Kind.OPEN), stages[0])
    result = []
    for stage in stages:
        if stage.pk == initial.pk:
            entered = total
        else:
            entered = (
                alive.filter(Q(stage=stage) | Q(stage_changes__to_stage=stage))
                .distinct()
                .count()
            )
        result.append(
            {
                "stage": stage,
                "entered": entered,
                "rate": round(100 * entered / total, 1) if total else 0.0,
            }
        )
    return result


def time_in_stage() -> list[dict]:
    """Average days spent in each stage, over completed stays (the lead left it)."""
    from .services import stages_ensure

    stages = stages_ensure()
    durations: dict[int, list[float]] = defaultdict(list)
    current: dict[int, tuple[int, datetime]] = {}
    created = dict(Lead.objects.alive().values_list("pk", "created_at"))
    changes = (
        StageChange.objects.filter(lead_id__in=Lead.objects.alive().values("pk"))
        .order_by("lead_id", "at", "pk")
        .values_list("lead_id", "from_stage_id", "to_stage_id", "at")
    )
    for lead_id, from_id, to_id, at in changes.iterator(chunk_size=2000):
        stay_from = current.get(lead_id)
        if stay_from is None:
            start = created.get(lead_id)
            stage_id = from_id
        else:
            stage_id, start = stay_from
        if start is not None and stage_id is not None:
            durations[stage_id].append((at - start).total_seconds() / 86400)
        current[lead_id] = (to_id, at)
    return [
        {
            "stage": stage,
            "days": round(sum(durations[stage.pk]) / len(durations[stage.pk]), 1)
            if durations[stage.pk]
            else None,
            "stays": len(durations[stage.pk]),
        }
        for stage in stages
        if stage.kind == PipelineStage.Kind.OPEN
    ]


def period_starts(now=None) -> dict[str, datetime]:
    today = timezone.localdate(now) if now else timezone.localdate()
    week = today - timedelta(days=today.weekday())
    return {"week": _aware(week), "month": _aware(today.replace(day=1))}


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


def forecast() -> dict:
    """Open pipeline: value × probability (the lead's own, else its stage's).
    Summed in Python with Decimal: SQLite would round integer divisions."""
    from .services import stages_ensure

    stages = [s for s in stages_ensure() if s.kind == PipelineStage.Kind.OPEN]
    value: dict[int, Decimal] = defaultdict(Decimal)
    weighted: dict[int, Decimal] = defaultdict(Decimal)
    rows = (
        Lead.objects.alive()
        .filter(stage__kind=PipelineStage.Kind.OPEN)
        .values_list("stage_id", "estimated_value", "probability", "stage__probability")
    )
    for stage_id, amount, own, default in rows.iterator(chunk_size=5000):
        probability = own if own is not None else default
        value[stage_id] += amount
        weighted[stage_id] += amount * probability / 100
    cent = Decimal("0.01")
    lines = [
        {
            "stage": s,
            "value": value[s.pk].quantize(cent),
            "weighted": weighted[s.pk].quantize(cent),
        }
        for s in stages
    ]
    return {
        "lines": lines,
        "value": sum((line["value"] for line in lines), Decimal(0)),
        "weighted": sum((line["weighted"] for line in lines), Decimal(0)),
    }
