"""Opening hours of a site, kept as one line in schema.org's `openingHours` form
("Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00"): editors type one short line,
the footer shows it in French ("Du lundi au vendredi : 8 h – 12 h, 14 h – 18 h"),
the JSON-LD gives search engines an `OpeningHoursSpecification` per day."""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_PART = re.compile(
    r"^(?P<days>(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)\s+"
    r"(?P<times>\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$"
)


@dataclass(frozen=True)
class Opening:
    days: tuple[int, ...]  # 0 = Monday
    times: tuple[tuple[str, str], ...]  # ("08:00", "12:00")


def parse(text: str) -> list[Opening]:
    """The openings of a line; ValueError names the part it cannot read."""
    openings = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        match = _PART.match(part)
        if not match:
            raise ValueError(part)
        first, _, last = match["days"].partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise ValueError(part)
        times = tuple(tuple(span.split("-")) for span in match["times"].split(","))
        if any(not _valid_span(opens, closes) for opens, closes in times):
            raise ValueError(part)
        openings.append(Opening(tuple(range(start, end + 1)), times))
    return openings


def _valid_span(opens: str, closes: str) -> bool:
    def minutes(value):
        hours, mins = map(int, value.split(":"))
        return hours * 60 + mins if hours < 24 and mins < 60 else None

    start, end = minutes(opens), minutes(closes)
    return start is not None and end is not None and start < end


def _french_time(value: str) -> str:
    hours, minutes = value.split(":")
    hours = str(int(hours))
    # no-break spaces: "13 h 30" never splits over two lines
    return f"{hours}\u00a0h" if minutes == "00" else f"{hours}\u00a0h\u00a0{minutes}"


def _french_days(days: tuple[int, ...]) -> str:
    if len(days) == 1:
        return FRENCH_DAYS[days[0]].capitalize()
    return f"Du {FRENCH_DAYS[days[0]]} au {FRENCH_DAYS[days[-1]]}"


def french_lines(text: str) -> list[str]:
    """ "Du lundi au vendredi : 8 h – 12 h, 14 h – 18 h" (typography applied
    where shown)."""
    try:
        openings = parse(text)
    except ValueError:
        return []
    return [
        f"{_french_days(o.days)} : "
        + ", ".join(f"{_french_time(a)}\u00a0– {_french_time(b)}" for a, b in o.times)
        for o in openings
    ]


def schema_specifications(text: str) -> list[dict]:
    try:
        openings = parse(text)
    except ValueError:
        return []
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [SCHEMA_DAYS[day] for day in opening.days],
            "opens": opens,
            "closes": closes,
        }
        for opening in openings
        for opens, closes in opening.times
    ]
