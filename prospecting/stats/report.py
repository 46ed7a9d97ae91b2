"""The dashboard's tables as data: columns with a kind (count, money, percent,
hours, month) and rows of plain values. The page renders them (formatted in
the reader's language), the CSV and XLSX exports write the same rows typed, so
an export always carries the tables shown."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from .breakdown import Line, breakdown, monthly, rest_from_total, total_of
from .campaigns import campaign_table
from .contact import first_contact, with_delays
from .scope import Scope


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "int"  # text, int, money, percent, hours, month
    revenue: bool = False  # shown to Sales and Managers only


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    # Per row, the lead-list filters that show its leads ({} for none).
    filters: list[dict] = field(default_factory=list)
    # Per row, a page the row's name opens instead of the lead list ("" for none).
    links: list[str] = field(default_factory=list)

    def lines(self) -> list[dict]:
        """Rows for a template: (column, value) cells and the query string of
        the lead list showing the row's leads ("" when there is none)."""
        from django.utils.http import urlencode

        result = []
        for index, row in enumerate(self.rows):
            filters = self.filters[index] if index < len(self.filters) else {}
            result.append(
                {
                    "cells": list(zip(self.columns, row, strict=True)),
                    "list_query": urlencode(filters) if filters else "",
                    "link": self.links[index] if index < len(self.links) else "",
                }
            )
        return result

    def total_cells(self) -> list:
        return list(zip(self.columns, self.total, strict=True)) if self.total else []


NAME = {
    "channel": _("Channel"),
    "site": _("Site"),
    "utm_source": _("UTM source"),
    "utm_campaign": _("UTM campaign"),
}
TITLES = {
    "channel": _("By channel"),
    "month": _("By month"),
    "site": _("By site"),
    "utm_source": _("By UTM source"),
    "utm_campaign": _("By UTM campaign"),
}
# The lead list's filter for a line of each dimension.
LIST_FILTER = {
    "channel": "channel",
    "site": "site",
    "utm_source": "utm_source",
    "utm_campaign": "campaign",
}


def _columns(dimension: str, *, delays: bool) -> list[Column]:
    columns = [
        Column("name", str(NAME[dimension]), "text"),
        Column("leads", str(_("Leads"))),
        Column("won_leads", str(_("Won leads"))),
        Column("conversion", str(_("Lead → won")), "percent"),
        Column("revenue", str(_("Won revenue")), "money", revenue=True),
        Column("pipeline", str(_("Open pipeline")), "money", revenue=True),
        Column("weighted", str(_("Weighted pipeline")), "money", revenue=True),
    ]
    if delays:
        columns += [
            Column("median_hours", str(_("First contact, median")), "hours"),
            Column("p90_hours", str(_("First contact, 90 % within")), "hours"),
        ]
    return columns


def _cells(line: Line, columns: list[Column]) -> list:
    values = {"name": line.label, "conversion": line.conversion}
    return [values[c.key] if c.key in values else getattr(line, c.key) for c in columns]


def list_filters(scope: Scope) -> dict:
    """The lead list's filters showing the leads of `scope`."""
    filters = {
        "from": scope.period.first.isoformat(),
        "to": scope.period.last.isoformat(),
        "site": scope.site_id,
        "channel": scope.channel,
        "owner": scope.owner_id,
        "team": scope.team_id,
    }
    return {k: str(v) for k, v in filters.items() if v not in (None, "")}


def _line_table(
    dimension: str, lines: list[Line], total: Line, *, delays: bool, scope: Scope
) -> Table:
    columns = _columns(dimension, delays=delays)
    dates = list_filters(scope)
    filters = []
    for line in lines:
        if line.rest:
            filters.append({})
        else:
            value = "none" if line.key in (None, "") else str(line.key)
            filters.append({**dates, LIST_FILTER[dimension]: value})
    return Table(
        key=dimension,
        title=str(TITLES[dimension]),
        columns=columns,
        rows=[_cells(line, columns) for line in lines],
        total=_cells(total, columns),
        filters=filters,
    )


def _month_table(scope: Scope) -> tuple[Table, object]:
    data = monthly(scope)
    columns = [
        Column("month", str(_("Month")), "month"),
        Column("leads", str(_("Leads"))),
        Column("revenue", str(_("Won revenue")), "money", revenue=True),
        Column("pipeline", str(_("Open pipeline")), "money", revenue=True),
        Column("weighted", str(_("Weighted pipeline")), "money", revenue=True),
    ]
    leads, revenue = data.totals("leads"), data.totals("revenue")
    rows = [
        [month, leads[i], revenue[i], data.pipeline[i], data.weighted[i]]
        for i, month in enumerate(data.months)
    ]
    total = [
        str(_("Total")),
        sum(leads),
        sum(revenue),
        sum(data.pipeline),
        sum(data.weighted),
    ]
    return Table("month", str(TITLES["month"]), columns, rows, total), data


@dataclass
class Report:
    scope: Scope
    total: Line
    channels: list[Line]
    sites: list[Line]
    monthly: object
    tables: list[Table]

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def dashboard_report(scope: Scope) -> Report:
    """Every table of the dashboard for `scope` (a bounded number of grouped
    statements, whatever the number of leads)."""
    channels = breakdown(scope, "channel")
    total = total_of(channels)
    overall = first_contact(scope).get(None)
    if overall is not None:
        total.median_hours, total.p90_hours = overall.median_hours, overall.p90_hours
    with_delays(channels, first_contact(scope, "channel"))
    sites = with_delays(
        rest_from_total(breakdown(scope, "site"), total), first_contact(scope, "site")
    )
    sources = rest_from_total(breakdown(scope, "utm_source"), total)
    campaigns = rest_from_total(breakdown(scope, "utm_campaign"), total)
    months, data = _month_table(scope)
    tables = [
        _line_table("channel", channels, total, delays=True, scope=scope),
        months,
        _line_table("site", sites, total, delays=True, scope=scope),
        _line_table("utm_source", sources, total, delays=False, scope=scope),
        _line_table("utm_campaign", campaigns, total, delays=False, scope=scope),
    ]
    per_campaign = campaign_table(scope, columns_of=_columns)
    if per_campaign is not None:
        tables.append(per_campaign)
    return Report(scope, total, channels, sites, data, tables)


def for_reader(table: Table, *, with_revenue: bool, with_links: bool = True) -> Table:
    """The table without its revenue columns for who may not see them (and
    without links to pages the reader cannot open)."""
    links = table.links if with_links else []
    if with_revenue:
        return replace(table, links=links)
    keep = [i for i, c in enumerate(table.columns) if not c.revenue]
    return Table(
        key=table.key,
        title=table.title,
        columns=[table.columns[i] for i in keep],
        rows=[[row[i] for i in keep] for row in table.rows],
        total=[table.total[i] for i in keep] if table.total else None,
        filters=table.filters,
        links=links,
    )
