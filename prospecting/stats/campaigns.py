"""The dashboard's table per campaign: what each mailing brought (leads, won
revenue, open pipeline — the war room's own figures, grouped by the lead's UTM
campaign) beside what the mailing app knows of it (mails sent, clicks,
replies, its page).

Prospecting does not import the app that sends campaigns (it depends on
prospecting, not the reverse): that app registers a function giving its
campaigns' facts for a period, from its `hub_registrations.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .breakdown import Line, breakdown
from .periods import Period
from .scope import Scope


@dataclass(frozen=True)
class CampaignFacts:
    key: str  # the campaign's utm_campaign
    name: str
    url: str  # its page
    sent: int
    clicked: int
    replied: int
    started_in_period: bool


@dataclass(frozen=True)
class _Source:
    facts: Callable[[Period], list[CampaignFacts]]
    # Who may open the campaigns' pages (the table links to them only then).
    can_open: Callable[[object], bool]


_sources: list[_Source] = []


def register_campaign_facts(
    facts: Callable[[Period], list[CampaignFacts]],
    *,
    can_open: Callable[[object], bool] = lambda user: True,
) -> None:
    """`facts(period)` lists the campaigns sent before the period's end."""
    _sources.append(_Source(facts, can_open))


def can_open_campaigns(user) -> bool:
    return any(source.can_open(user) for source in _sources)


def campaign_table(scope: Scope, *, columns_of):
    """The per-campaign Table, or None when no app sends campaigns. A campaign
    is shown when it was sent during the period or brought something in it."""
    from .report import Column, Table

    if not _sources:
        return None
    facts = [fact for source in _sources for fact in source.facts(scope.period)]
    lines = {line.key: line for line in breakdown(scope, "utm_campaign", limit=None)}
    shown = [
        (fact, lines.get(fact.key) or Line(key=fact.key, label=fact.name))
        for fact in facts
    ]
    shown = [(fact, line) for fact, line in shown if _in_period(fact, line)]
    shown.sort(key=lambda pair: (-pair[1].revenue, -pair[1].leads, pair[0].name))
    columns = [
        Column("name", str(_("Campaign")), "text"),
        Column("sent", str(_("Mails sent"))),
        Column("clicked", str(_("Clicked"))),
        Column("replied", str(_("Replied"))),
        *[c for c in columns_of("utm_campaign", delays=False) if c.key != "name"],
    ]
    rows = []
    for fact, line in shown:
        values = {
            "name": fact.name,
            "sent": fact.sent,
            "clicked": fact.clicked,
            "replied": fact.replied,
            "conversion": line.conversion,
        }
        rows.append([values.get(c.key, getattr(line, c.key, None)) for c in columns])
    return Table(
        key="campaigns",
        title=str(_("By campaign")),
        columns=columns,
        rows=rows,
        links=[fact.url for fact, _line in shown],
    )


def _in_period(fact: CampaignFacts, line: Line) -> bool:
    return fact.started_in_period or bool(line.leads or line.deals or line.pipeline)
