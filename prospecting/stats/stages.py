"""The pipeline's stages: how many leads reached each, how long they stay, and
the open pipeline per stage (forecast). Each takes the leads to look at (the
dashboard's scope; every live lead by default) and runs one statement."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import Lag

from ..models import Lead, PipelineStage, StageChange
from .breakdown import money, weighted_value
from .scope import hours_sql, over


def _stages() -> list[PipelineStage]:
    from ..selectors import stage_list

    return stage_list()


def _alive(leads: QuerySet | None) -> QuerySet:
    return Lead.objects.alive().order_by() if leads is None else leads


def conversion_per_stage(leads: QuerySet | None = None) -> list[dict]:
    """For each stage: leads that ever entered it (current stage or a recorded
    move into it) and that number as a share of all leads."""
    stages = _stages()
    if not stages:
        return []
    initial = next((s for s in stages if s.kind == PipelineStage.Kind.OPEN), stages[0])
    reached = {
        f"s{stage.pk}": Count(
            "pk",
            distinct=True,
            filter=Q(stage=stage) | Q(stage_changes__to_stage=stage),
        )
        for stage in stages
        if stage.pk != initial.pk
    }
    counts = _alive(leads).aggregate(total=Count("pk", distinct=True), **reached)
    total = counts["total"]
    result = []
    for stage in stages:
        entered = total if stage.pk == initial.pk else counts[f"s{stage.pk}"]
        result.append(
            {
                "stage": stage,
                "entered": entered,
                "rate": round(100 * entered / total, 1) if total else 0.0,
            }
        )
    return result


def time_in_stage(leads: QuerySet | None = None) -> list[dict]:
    """Average days spent in each open stage, over completed stays (the lead
    left it): each move ends the stay that began at the previous move (LAG in
    the database), or at the lead's arrival for its first move."""
    stages = _stages()
    moves = (
        StageChange.objects.filter(lead_id__in=_alive(leads).values("pk"))
        .annotate(
            stay_stage=F("from_stage_id"),
            began=Window(
                Lag("at"),
                partition_by=[F("lead_id")],
                order_by=[F("at").asc(), F("pk").asc()],
            ),
            arrived=F("lead__created_at"),
            ended=F("at"),
        )
        .values("stay_stage", "began", "arrived", "ended")
        .order_by()
    )
    hours = hours_sql("COALESCE(began, arrived)", "ended")
    rows = over(
        moves,
        f"stay_stage, AVG({hours}) / 24.0, COUNT(*)",
        group_by="stay_stage",
    )
    stays = {stage_id: (days, n) for stage_id, days, n in rows if stage_id}
    result = []
    for stage in stages:
        if stage.kind != PipelineStage.Kind.OPEN:
            continue
        days, n = stays.get(stage.pk, (None, 0))
        result.append(
            {
                "stage": stage,
                "days": round(float(days), 1) if days is not None else None,
                "stays": n,
            }
        )
    return result


def forecast(leads: QuerySet | None = None) -> dict:
    """Open pipeline per open stage: value, and value × probability (the
    lead's own, else its stage's)."""
    stages = [s for s in _stages() if s.kind == PipelineStage.Kind.OPEN]
    rows = (
        _alive(leads)
        .filter(stage__kind=PipelineStage.Kind.OPEN)
        .values("stage_id")
        .annotate(value=Sum("estimated_value"), weighted=Sum(weighted_value()))
        .order_by()
    )
    sums = {r["stage_id"]: r for r in rows}
    lines = []
    for stage in stages:
        row = sums.get(stage.pk, {})
        lines.append(
            {
                "stage": stage,
                "value": money(row.get("value")),
                "weighted": money(Decimal(row.get("weighted") or 0) / 100),
            }
        )
    return {
        "lines": lines,
        "value": sum((line["value"] for line in lines), Decimal(0)),
        "weighted": sum((line["weighted"] for line in lines), Decimal(0)),
    }
