"""Ranking by frequency and recency in one sortable number.

`heat = log2(Σ wᵢ · 2^(tᵢ / H))` over an item's signals (tᵢ in seconds, H the
half-life): a signal counts half as much 14 days later, so ten questions last
month weigh about what two or three this week do. Kept in log form, the
database sorts it without knowing today's date, and a new signal updates it
without reading the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

HALF_LIFE_SECONDS = 14 * 24 * 3600

# A customer who asked the public website may be a sale: weighs double.
WEIGHTS = {"search": 1.0, "not_helpful": 1.0, "customer": 2.0, "wanted": 1.0}


def _term(at: datetime, weight: float) -> float:
    return at.timestamp() / HALF_LIFE_SECONDS + math.log2(weight)


def heat_add(heat: float | None, at: datetime, weight: float) -> float:
    """`heat` with one more signal of `weight` at `at` (None: the first)."""
    term = _term(at, weight)
    if heat is None:
        return term
    top = max(heat, term)
    return top + math.log2(2 ** (heat - top) + 2 ** (term - top))


def heat_of(signals: Iterable[tuple[datetime, float]]) -> float:
    heat = None
    for at, weight in signals:
        heat = heat_add(heat, at, weight)
    return heat if heat is not None else 0.0
