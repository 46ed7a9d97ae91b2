"""Time to first contact: hours from a lead's arrival to the first call, e-mail,
visit, quote or video call by a person (`Lead.first_contact_at`, set by the
routing's callback clock), median and 90th percentile per channel or site.

Percentiles by nearest rank (the smallest delay that at least p % of the leads
reached), computed in the database: a window function ranks the delays
(CUME_DIST), an outer GROUP BY picks the first at or past each share.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Value, Window
from django.db.models.functions import CumeDist

from .breakdown import DIMENSIONS, Line
from .scope import HoursBetween, Scope, over

SHARES = (0.5, 0.9)


@dataclass(frozen=True)
class Delay:
    contacted: int
    median_hours: float | None
    p90_hours: float | None


def _hours(value) -> float | None:
    return None if value is None else round(float(value), 1)


def first_contact(scope: Scope, dimension: str | None = None) -> dict:
    """{key: Delay} over the period's leads that were contacted; with no
    dimension, one Delay for all of them under the key None."""
    hours = HoursBetween("created_at", "first_contact_at")
    group = F(DIMENSIONS[dimension]) if dimension else Value("")
    ranked = (
        scope.created()
        .filter(first_contact_at__isnull=False)
        .annotate(
            grp=group,
            hours=hours,
            share=Window(
                CumeDist(),
                partition_by=[group] if dimension else None,
                order_by=hours.asc(),
            ),
        )
        .values("grp", "hours", "share")
    )
    rows = over(
        ranked,
        "grp, COUNT(*), MIN(CASE WHEN share >= %s THEN hours END),"
        " MIN(CASE WHEN share >= %s THEN hours END)",
        group_by="grp",
        params=SHARES,
    )
    result = {
        (key if dimension else None): Delay(n, _hours(median), _hours(p90))
        for key, n, median, p90 in rows
    }
    if dimension == "site":
        # The column comes back as text from some drivers: keys as the ORM's.
        result = {_int_or_none(k): v for k, v in result.items()}
    return result


def _int_or_none(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return value


def with_delays(lines: list[Line], delays: dict) -> list[Line]:
    for line in lines:
        delay = delays.get(line.key)
        if delay is not None and not line.rest:
            line.median_hours, line.p90_hours = delay.median_hours, delay.p90_hours
    return lines
