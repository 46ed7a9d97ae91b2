"""The boss's question: leads, won revenue and open pipeline by channel, site,
UTM source and UTM campaign, and by month. Every figure is a GROUP BY in the
database over the lead's own columns (`Lead.channel`, `site`, `utm_*`, stamped
by the intake); Python only folds the few grouped rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..attribution import CHANNEL_LABELS, CHANNELS, humanize_tag
from ..models import PipelineStage
from .periods import add_months, aware
from .scope import Scope

CENT = Decimal("0.01")
# Sites, sources and campaigns shown one by one; the rest add up in one line.
TOP = 12
DIMENSIONS = {
    "channel": "channel",
    "site": "site_id",
    "utm_source": "utm_source",
    "utm_campaign": "utm_campaign",
}
NO_VALUE = {
    "channel": _("Other"),
    "site": _("No site (war room, imports…)"),
    "utm_source": _("No UTM source"),
    "utm_campaign": _("No campaign"),
}
OPEN, WON = PipelineStage.Kind.OPEN, PipelineStage.Kind.WON


def weighted_value():
    """value × probability (the lead's own, else its stage's), in hundredths:
    divided by 100 in Python with Decimal (SQLite would divide as integers)."""
    return ExpressionWrapper(
        F("estimated_value") * Coalesce("probability", "stage__probability"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


@dataclass
class Line:
    """One row of a breakdown table."""

    key: object
    label: str
    leads: int = 0
    won_leads: int = 0
    contacted: int = 0
    deals: int = 0
    revenue: Decimal = Decimal(0)
    pipeline: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)
    median_hours: float | None = None
    p90_hours: float | None = None
    rest: bool = False  # the "everything else" line

    @property
    def conversion(self) -> float | None:
        """Share of the period's leads won so far, in %."""
        return round(100 * self.won_leads / self.leads, 1) if self.leads else None

    def add(self, other: Line) -> None:
        for name in ("leads", "won_leads", "contacted", "deals"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("revenue", "pipeline", "weighted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _label(dimension: str, row: dict, column: str) -> str:
    value = row[column]
    if value in (None, ""):
        return str(NO_VALUE[dimension])
    if dimension == "channel":
        return str(CHANNEL_LABELS.get(value, value))
    if dimension == "site":
        return row["site__site_name"] or row["site__hostname"] or f"#{value}"
    if dimension == "utm_campaign":
        return humanize_tag(value)
    return value


def breakdown(scope: Scope, dimension: str, *, limit: int | None = TOP) -> list[Line]:
    """Lines of one dimension, best revenue first (then most leads). With a
    limit, one more line sums what did not fit."""
    column = DIMENSIONS[dimension]
    period = scope.period
    created = Q(created_at__gte=period.start, created_at__lt=period.end)
    won_in = Q(deal__won_at__gte=period.start, deal__won_at__lt=period.end)
    open_ = created & Q(stage__kind=OPEN)
    names = [column]
    if dimension == "site":
        names += ["site__site_name", "site__hostname"]
    rows = (
        scope.leads()
        .filter(created | won_in)
        .values(*names)
        .annotate(
            leads=Count("pk", filter=created),
            won_leads=Count("pk", filter=created & Q(stage__kind=WON)),
            contacted=Count("first_contact_at", filter=created),
            pipeline=Sum("estimated_value", filter=open_),
            weighted=Sum(weighted_value(), filter=open_),
            revenue=Sum("deal__amount", filter=won_in),
            deals=Count("deal", filter=won_in),
        )
        .order_by(F("revenue").desc(nulls_last=True), "-leads", column)
    )
    if limit is not None:
        rows = rows[: limit + 1]
    lines = [
        Line(
            key=row[column],
            label=_label(dimension, row, column),
            leads=row["leads"],
            won_leads=row["won_leads"],
            contacted=row["contacted"],
            deals=row["deals"],
            revenue=money(row["revenue"]),
            pipeline=money(row["pipeline"]),
            weighted=money(Decimal(row["weighted"] or 0) / 100),
        )
        for row in rows
    ]
    if dimension == "channel":
        return _every_channel(lines)
    if limit is not None and len(lines) > limit:
        lines[limit:] = [_rest(lines[limit:])]
    return lines


def _every_channel(lines: list[Line]) -> list[Line]:
    """The four channels always, in their order (a channel with nothing is a
    figure too: zero)."""
    found = {line.key: line for line in lines}
    return [
        found.get(key) or Line(key=key, label=str(CHANNEL_LABELS[key]))
        for key in CHANNELS
    ]


def _rest(lines: list[Line]) -> Line:
    rest = Line(key=None, label=str(_("All the others")), rest=True)
    for line in lines:
        rest.add(line)
    return rest


def rest_from_total(lines: list[Line], total: Line) -> list[Line]:
    """Replace the partial "all the others" line of a limited breakdown by the
    difference with the total (it only saw one row beyond the limit)."""
    if not lines or not lines[-1].rest:
        return lines
    shown = Line(key=None, label="")
    for line in lines[:-1]:
        shown.add(line)
    rest = lines[-1]
    for name in (
        "leads",
        "won_leads",
        "contacted",
        "deals",
        "revenue",
        "pipeline",
        "weighted",
    ):
        setattr(rest, name, getattr(total, name) - getattr(shown, name))
    return lines


def total_of(lines: list[Line]) -> Line:
    total = Line(key=None, label=str(_("Total")))
    for line in lines:
        total.add(line)
    return total


@dataclass
class Monthly:
    """Per month of the period (first days in `months`) and per channel."""

    months: list
    leads: dict[str, list[int]] = field(default_factory=dict)
    revenue: dict[str, list[Decimal]] = field(default_factory=dict)
    pipeline: list[Decimal] = field(default_factory=list)
    weighted: list[Decimal] = field(default_factory=list)

    def totals(self, name: str) -> list:
        series = getattr(self, name)
        return [sum(values) for values in zip(*series.values(), strict=True)]


def _month_bucket(months: list, field_name: str) -> Case:
    """The month index of a datetime column, boundaries computed in the hub's
    time zone (no per-row time zone conversion in the database)."""
    return Case(
        *[
            When(
                **{
                    f"{field_name}__gte": aware(month),
                    f"{field_name}__lt": aware(add_months(month, 1)),
                },
                then=Value(index),
            )
            for index, month in enumerate(months)
        ],
        output_field=IntegerField(),
    )


def monthly(scope: Scope) -> Monthly:
    months = scope.period.months
    size = len(months)
    result = Monthly(
        months=months,
        leads={c: [0] * size for c in CHANNELS},
        revenue={c: [Decimal(0)] * size for c in CHANNELS},
        pipeline=[Decimal(0)] * size,
        weighted=[Decimal(0)] * size,
    )
    open_ = Q(stage__kind=OPEN)
    lead_rows = (
        scope.created()
        .annotate(month=_month_bucket(months, "created_at"))
        .values("month", "channel")
        .annotate(
            n=Count("pk"),
            pipeline=Sum("estimated_value", filter=open_),
            weighted=Sum(weighted_value(), filter=open_),
        )
    )
    for row in lead_rows:
        i = row["month"]
        if i is None or row["channel"] not in result.leads:
            continue
        result.leads[row["channel"]][i] += row["n"]
        result.pipeline[i] += money(row["pipeline"])
        result.weighted[i] += money(Decimal(row["weighted"] or 0) / 100)
    deal_rows = (
        scope.won()
        .annotate(month=_month_bucket(months, "won_at"))
        .values("month", "lead__channel")
        .annotate(total=Sum("amount"))
    )
    for row in deal_rows:
        i, channel = row["month"], row["lead__channel"]
        if i is not None and channel in result.revenue:
            result.revenue[channel][i] += money(row["total"])
    return result
