"""Periods of the dashboard: named ones (this month, this quarter, the last 12
months, this year) and custom dates, as aware [start, end) datetimes in the
hub's time zone, and the calendar months they span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIODS = {
    "month": _("This month"),
    "quarter": _("This quarter"),
    "12m": _("Last 12 months"),
    "year": _("This year"),
    "custom": _("Custom dates"),
}
DEFAULT_PERIOD = "12m"
# A custom period longer than this makes a chart of 60+ bars nobody reads.
MAX_MONTHS = 60


def aware(day: date) -> datetime:
    """Midnight of `day` in the hub's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_starts(count: int = 12, *, today: date | None = None) -> list[date]:
    """First days of the last `count` months, this one included, oldest first."""
    today = today or timezone.localdate()
    return [add_months(today, -i) for i in range(count - 1, -1, -1)]


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from `first`'s to `last`'s, both included."""
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def period_starts(now=None) -> dict[str, datetime]:
    today = timezone.localdate(now) if now else timezone.localdate()
    week = today - timedelta(days=today.weekday())
    return {"week": aware(week), "month": aware(today.replace(day=1))}


@dataclass(frozen=True)
class Period:
    """Days `first` to `last`, both included (`start`/`end` as datetimes, end
    exclusive, for queries)."""

    key: str
    first: date
    last: date

    @property
    def start(self) -> datetime:
        return aware(self.first)

    @property
    def end(self) -> datetime:
        return aware(self.last + timedelta(days=1))

    @property
    def months(self) -> list[date]:
        return months_between(self.first, self.last)

    @property
    def label(self) -> str:
        return str(PERIODS.get(self.key, ""))


def named_period(key: str, *, today: date | None = None) -> Period:
    """A named period around `today` (a key of PERIODS but "custom")."""
    today = today or timezone.localdate()
    if key == "month":
        first, months = today.replace(day=1), 1
    elif key == "quarter":
        first, months = date(today.year, (today.month - 1) // 3 * 3 + 1, 1), 3
    elif key == "year":
        first, months = date(today.year, 1, 1), 12
    elif key == "12m":
        first, months = add_months(today, -11), 12
    else:
        raise ValueError(key)
    return Period(key, first, add_months(first, months) - timedelta(days=1))


def custom_period(first: date, last: date) -> Period:
    return Period("custom", first, last)
