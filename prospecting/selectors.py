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
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.http import Http404
from django.utils import timezone

from hub import roles

from .models import Activity, Lead, PipelineStage

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


def lead_by_id(pk) -> Lead | None:
    return (
        Lead.objects.select_related("company", "contact", "stage", "found_by", "owner")
        .filter(pk=pk)
        .first()
    )


def lead_get_for_user(*, user, pk, include_deleted: bool = False) -> Lead:
    if not roles.is_staff_member(user):
        raise PermissionDenied
    queryset = Lead.objects.select_related(
        "company", "contact", "stage", "found_by", "owner", "deal"
    ).filter(merged_into__isnull=True)
    if not include_deleted:
        queryset = queryset.filter(deleted_at__isnull=True)
    lead = queryset.filter(pk=pk).first()
    if lead is None:
        raise Http404
    if not can_work_all(user) and lead.found_by_id != user.pk:
        raise PermissionDenied
    return lead


def lead_counts_by_site() -> dict[int, int]:
    rows = (
        Lead.objects.alive()
        .filter(attribution__has_key="site_id")
        .annotate(site=KT("attribution__site_id"))
        .values("site")
        .annotate(n=Count("pk"))
    )
    result: dict[int, int] = {}
    for row in rows:
        try:
            site = int(row["site"])
        except (TypeError, ValueError):
            continue
        result[site] = result.get(site, 0) + row["n"]
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
    if filters.get("stale"):
        queryset = queryset.filter(
            last_activity_at__lt=stale_before(), stage__kind=PipelineStage.Kind.OPEN
        )
    q = (filters.get("q") or "").strip()
    if q:
        queryset = queryset.filter(
            Q(company__name__icontains=q)
            | Q(company__city__icontains=q)
            | Q(contact__last_name__icontains=q)
            | Q(contact__email__icontains=q)
            | Q(note__icontains=q)
        )
    return queryset


def lead_list(*, user, filters: dict | None = None, sort: str = "-created"):
    queryset = lead_filter(lead_visible_to(user), user=user, filters=filters or {})
    return queryset.select_related(
        "company", "contact", "stage", "found_by", "owner"
    ).order_by(SORTS.get(sort, "-created_at"), "-pk")


def board_columns(*, user, filters: dict | None = None, per_column: int = 60):
    """Stages with their leads (most recently active first) and counts."""
    from .services import stages_ensure

    stages = stages_ensure()
    leads = lead_filter(lead_visible_to(user), user=user, filters=filters or {})
    counts = dict(leads.order_by().values_list("stage").annotate(n=Count("pk")))
    columns = []
    for stage in stages:
        cards = list(
            leads.filter(stage=stage)
            .select_related("company", "contact", "stage", "owner", "found_by")
            .order_by("-last_activity_at", "-pk")[:per_column]
        )
        columns.append(
            {"stage": stage, "leads": cards, "count": counts.get(stage.pk, 0)}
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


UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def attribution_summary(attribution: dict | None) -> dict | None:
    """What the lead page shows of a microsite attribution: site, page, UTMs."""
    if not attribution or not isinstance(attribution, dict):
        return None
    touch = attribution.get("last_touch") or attribution.get("first_touch") or {}
    if not isinstance(touch, dict):
        touch = {}
    page_url = str(attribution.get("page_url") or "")
    return {
        "where": str(attribution.get("hostname") or attribution.get("site_name") or ""),
        "page_url": page_url if page_url.startswith(("http://", "https://")) else "",
        "utms": [(k, str(touch[k])) for k in UTM_KEYS if touch.get(k)],
        "referrer": str(attribution.get("referrer") or ""),
    }
