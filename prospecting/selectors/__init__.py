"""Reads of the war room, permission filtering included.

Rule (prospecting/README.md): Sales, Managers and superusers see and work every
lead; any other employee (Staff) sees only the leads they found; anonymous users
and accounts without a role see nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from hub import roles

from ..models import Activity, Contact, Lead, PipelineStage

SORTS = {
    "created": "created_at",
    "-created": "-created_at",
    "company": "company__name",
    "-company": "-company__name",
    "value": "estimated_value",
    "-value": "-estimated_value",
    "activity": "last_activity_at",
    "-activity": "-last_activity_at",
    "due": "next_action_due",
    "-due": "-next_action_due",
}


def stale_days() -> int:
    return getattr(settings, "PROSPECTING_STALE_DAYS", 14)


def stale_before():
    return timezone.now() - timedelta(days=stale_days())


def can_work_all(user) -> bool:
    return roles.is_sales(user)


def _lead_scope(user) -> QuerySet[Lead]:
    """Every lead the user may ever see, trashed and merged ones included."""
    if can_work_all(user):
        return Lead.objects.all()
    if roles.is_staff_member(user):
        return Lead.objects.filter(found_by=user)
    return Lead.objects.none()


def lead_visible_to(user) -> QuerySet[Lead]:
    return _lead_scope(user).alive()


def lead_can_work(user, lead: Lead) -> bool:
    """Move, edit, delete, merge: Sales and Managers only."""
    return can_work_all(user)


def lead_can_comment(user, lead: Lead) -> bool:
    return can_work_all(user) or (
        roles.is_staff_member(user) and lead.found_by_id == user.pk
    )


# What a page showing leads reads of each (the source in words needs the
# finder and the import): selected with the lead, never one query per card.
LEAD_RELATED = ("company", "contact", "stage", "found_by", "owner", "import_job")


def lead_by_id(pk) -> Lead | None:
    return Lead.objects.select_related(*LEAD_RELATED).filter(pk=pk).first()


def lead_get_for_user(*, user, pk, include_deleted: bool = False) -> Lead:
    if not roles.is_staff_member(user):
        raise PermissionDenied
    queryset = Lead.objects.select_related(*LEAD_RELATED, "deal").filter(
        merged_into__isnull=True
    )
    if not include_deleted:
        queryset = queryset.filter(deleted_at__isnull=True)
    lead = queryset.filter(pk=pk).first()
    if lead is None:
        raise Http404
    if not can_work_all(user) and lead.found_by_id != user.pk:
        raise PermissionDenied
    return lead


def lead_counts_by_site() -> dict[int, int]:
    """Live leads per microsite (its forms, campaigns landing on it)."""
    rows = (
        Lead.objects.alive()
        .filter(site__isnull=False)
        .values_list("site_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def won_by_attribution(*, key: str, start, end) -> dict[int, dict]:
    """Deals won between two dates (inclusive, local time) of website leads, by
    the microsite attribution's `key` ("site_id" or "page_id"):
    {id: {"won": count, "amount": Decimal}}. Microsites' funnel reads this."""
    from decimal import Decimal

    from ..stats.periods import aware as _aware

    if key not in ("site_id", "page_id"):
        raise ValueError(key)
    rows = (
        Lead.objects.alive()
        .filter(
            attribution__has_key=key,
            deal__won_at__gte=_aware(start),
            deal__won_at__lt=_aware(end + timedelta(days=1)),
        )
        .annotate(target=KT(f"attribution__{key}"))
        .values("target")
        .annotate(won=Count("deal"), amount=Sum("deal__amount"))
        .order_by()
    )
    result: dict[int, dict] = {}
    for row in rows:
        try:
            target = int(row["target"])
        except (TypeError, ValueError):
            continue
        found = result.setdefault(target, {"won": 0, "amount": Decimal(0)})
        found["won"] += row["won"]
        found["amount"] += row["amount"] or 0
    return result


def lead_filter(queryset: QuerySet[Lead], *, user, filters: dict) -> QuerySet[Lead]:
    """Apply the board/list/export filters (owner, source, region, stage, mine, q)."""
    owner = filters.get("owner")
    if owner == "none":
        queryset = queryset.filter(owner__isnull=True)
    elif owner and str(owner).isdigit():
        queryset = queryset.filter(owner_id=int(owner))
    if filters.get("source") in Lead.Source.values:
        queryset = queryset.filter(source=filters["source"])
    if filters.get("region"):
        queryset = queryset.filter(company__region=filters["region"])
    if filters.get("stage"):
        queryset = queryset.filter(stage__key=filters["stage"])
    if filters.get("mine"):
        queryset = queryset.filter(found_by=user)
    queryset = origin_filter(queryset, filters)
    if str(filters.get("import") or "").isdigit():
        queryset = queryset.filter(import_job_id=int(filters["import"]))
    if filters.get("stale"):
        queryset = queryset.filter(
            last_activity_at__lt=stale_before(), stage__kind=PipelineStage.Kind.OPEN
        )
    q = (filters.get("q") or "").strip()
    if q:
        queryset = queryset.filter(
            Q(company__name__icontains=q)
            | Q(company__city__icontains=q)
            | Q(note__icontains=q)
            | Exists(_people_matching(q))
        )
    return queryset


def _people_matching(q: str) -> QuerySet[Contact]:
    """Any contact of the lead's company (not only the main one) by full name,
    e-mail or phone: everyone who ever wrote is found."""
    return (
        Contact.objects.filter(company=OuterRef("company"))
        .annotate(full=Concat("first_name", Value(" "), "last_name"))
        .filter(
            Q(full__icontains=q)
            | Q(email__icontains=q)
            | Q(phone__icontains=q.replace(" ", ""))
        )
    )


def lead_list(*, user, filters: dict | None = None, sort: str = "-created"):
    queryset = lead_filter(lead_visible_to(user), user=user, filters=filters or {})
    return queryset.select_related(*LEAD_RELATED).order_by(
        SORTS.get(sort, "-created_at"), "-pk"
    )


def stage_list() -> list[PipelineStage]:
    """The pipeline's stages in order (created by migration; reads never write)."""
    return list(PipelineStage.objects.all())


def board_columns(*, user, filters: dict | None = None, per_column: int = 60):
    """Stages with their leads (most recently active first) and counts."""
    stages = stage_list()
    leads = lead_filter(lead_visible_to(user), user=user, filters=filters or {})
    sums = {
        stage_id: (n, total)
        for stage_id, n, total in leads.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"), total=Sum("estimated_value"))
        .values_list("stage", "n", "total")
    }
    columns = []
    for stage in stages:
        cards = list(
            leads.filter(stage=stage)
            .select_related(*LEAD_RELATED)
            .order_by("-last_activity_at", "-pk")[:per_column]
        )
        count, total = sums.get(stage.pk, (0, 0))
        columns.append(
            {"stage": stage, "leads": cards, "count": count, "total": total or 0}
        )
    return columns


# A write stamps `updated_at` inside its transaction but commits a little later:
# looking back this far past the cursor catches one that committed after the
# cursor was taken. Sending a lead twice is harmless (the card is replaced).
SYNC_OVERLAP = timedelta(seconds=30)
SYNC_LIMIT = 200


@dataclass
class BoardChanges:
    """What a board that was offline since `since` missed: leads to fetch again
    (`changed`, with their stage) and cards to drop (`removed`). `complete` is
    False when more than `limit` leads changed: the page offers a reload."""

    cursor: datetime
    changed: list[tuple[int, int]]
    removed: list[int]
    complete: bool


def board_changes(*, user, since: datetime, limit: int = SYNC_LIMIT) -> BoardChanges:
    """Leads of the user's board (same permission rule as `lead_visible_to`)
    written after `since`. Every write that changes a card stamps `updated_at`
    (trash, restore and merge included, see services)."""
    cursor = timezone.now()
    rows = list(
        _lead_scope(user)
        .filter(updated_at__gt=since - SYNC_OVERLAP)
        .order_by("-updated_at", "-pk")
        .values_list("pk", "stage_id", "deleted_at", "merged_into_id")[: limit + 1]
    )
    if len(rows) > limit:
        return BoardChanges(cursor=cursor, changed=[], removed=[], complete=False)
    changed, removed = [], []
    for pk, stage_id, deleted_at, merged_into_id in rows:
        if deleted_at is None and merged_into_id is None:
            changed.append((pk, stage_id))
        else:
            removed.append(pk)
    return BoardChanges(cursor=cursor, changed=changed, removed=removed, complete=True)


def lead_timeline(lead: Lead):
    return (
        Activity.objects.filter(lead=lead)
        .select_related("author")
        .order_by("-occurred_at", "-pk")
    )


def reminders_for(user, *, limit: int = 10):
    """Next actions due today or late, among the leads the user may see and owns
    (or found, for Staff)."""
    today = timezone.localdate()
    queryset = lead_visible_to(user).filter(
        next_action_due__isnull=False,
        next_action_due__lte=today,
        stage__kind=PipelineStage.Kind.OPEN,
    )
    if can_work_all(user):
        queryset = queryset.filter(Q(owner=user) | Q(owner__isnull=True, found_by=user))
    return queryset.select_related("company").order_by("next_action_due")[:limit]


def filter_choices(user) -> dict:
    from django.contrib.auth import get_user_model

    visible = lead_visible_to(user)
    regions = (
        visible.exclude(company__region="")
        .values_list("company__region", flat=True)
        .distinct()
        .order_by("company__region")
    )
    owners = (
        get_user_model()
        .objects.filter(owned_leads__in=visible)
        .distinct()
        .order_by("first_name", "username")
    )
    return {
        "regions": list(regions),
        "owners": list(owners),
        "sources": Lead.Source.choices,
    }


# Origin filters and attribution words (importable as prospecting.selectors.*).
from .origin import (  # noqa: E402, F401
    attribution_summary,
    filter_dates,
    origin_filter,
    origin_filter_words,
)

# The review reads, beside the board's (importable as prospecting.selectors.*).
from .review import (  # noqa: E402, F401
    duplicate_count,
    duplicate_queue,
    merge_rows,
    merges_undoable,
    open_flags_for,
)
