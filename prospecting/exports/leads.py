"""The lead list (with its filters) as CSV or XLSX: one row per lead, with where
it came from — channel, site, campaign, UTM tags and the source in words.

Rows are streamed: an export of 100k leads never sits in memory. Won amounts
and dates are columns for Sales and Managers only (revenue rule).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.spreadsheets import SheetColumn, csv_lines, new_workbook, write_sheet

from ..attribution import CHANNEL_LABELS, campaign_name, site_name_of, source_words


def _user(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _columns() -> list[tuple[SheetColumn, object]]:
    """(column, value of a lead) in the order of the sheet."""

    def contact(name):
        return lambda lead: getattr(lead.contact, name) if lead.contact else ""

    return [
        (SheetColumn(_("Lead"), "int", 8), lambda lead: lead.pk),
        (SheetColumn(_("Company"), "text", 32), lambda lead: lead.company.name),
        (SheetColumn(_("Website"), "text", 28), lambda lead: lead.company.website),
        (SheetColumn("SIREN", "text", 12), lambda lead: lead.company.siren),
        (SheetColumn(_("Sector"), "text", 16), lambda lead: lead.company.sector),
        (SheetColumn(_("Region"), "text", 20), lambda lead: lead.company.region),
        (SheetColumn(_("City"), "text", 18), lambda lead: lead.company.city),
        (SheetColumn(_("Contact"), "text", 22), contact("full_name")),
        (SheetColumn(_("E-mail"), "text", 30), contact("email")),
        (SheetColumn(_("Phone"), "text", 16), contact("phone")),
        (SheetColumn(_("Source"), "text", 34), source_words),
        (
            SheetColumn(_("Channel"), "text", 12),
            lambda lead: str(CHANNEL_LABELS.get(lead.channel, lead.channel)),
        ),
        (
            SheetColumn(_("Site"), "text", 22),
            lambda lead: site_name_of(lead.attribution),
        ),
        (SheetColumn(_("Campaign"), "text", 24), _campaign),
        (SheetColumn(_("UTM source"), "text", 14), lambda lead: lead.utm_source),
        (SheetColumn(_("UTM medium"), "text", 14), lambda lead: lead.utm_medium),
        (SheetColumn(_("UTM campaign"), "text", 22), lambda lead: lead.utm_campaign),
        (SheetColumn(_("Found at"), "text", 30), lambda lead: lead.source_url),
        (SheetColumn(_("Found by"), "text", 18), lambda lead: _user(lead.found_by)),
        (SheetColumn(_("Owner"), "text", 18), lambda lead: _user(lead.owner)),
        (SheetColumn(_("Stage"), "text", 14), lambda lead: str(lead.stage.label)),
        (
            SheetColumn(_("Estimated value (€)"), "money"),
            lambda lead: lead.estimated_value,
        ),
        (
            SheetColumn(_("Probability (%)"), "int", 12),
            lambda lead: lead.effective_probability,
        ),
        (SheetColumn(_("Next action"), "text", 26), lambda lead: lead.next_action),
        (SheetColumn(_("Due"), "date"), lambda lead: lead.next_action_due),
        (SheetColumn(_("Created"), "datetime"), lambda lead: lead.created_at),
        (
            SheetColumn(_("First contact"), "datetime"),
            lambda lead: lead.first_contact_at,
        ),
        (
            SheetColumn(_("Last activity"), "datetime"),
            lambda lead: lead.last_activity_at,
        ),
        (SheetColumn(_("Note"), "text", 40), lambda lead: lead.note),
    ]


def _revenue_columns() -> list[tuple[SheetColumn, object]]:
    def won_on(lead):
        deal = _deal(lead)
        return timezone.localtime(deal.won_at).date() if deal else None

    return [
        (
            SheetColumn(_("Won (€)"), "money"),
            lambda lead: getattr(_deal(lead), "amount", None),
        ),
        (SheetColumn(_("Won on"), "date"), won_on),
    ]


def _deal(lead):
    try:
        return lead.deal
    except ObjectDoesNotExist:
        return None


def _campaign(lead) -> str:
    if lead.channel != "campaign":
        return ""
    return campaign_name(lead.attribution, lead.utm_campaign)


def _spec(with_revenue: bool):
    return _columns() + (_revenue_columns() if with_revenue else [])


def headers(with_revenue: bool = False) -> list[str]:
    return [column.label for column, _value in _spec(with_revenue)]


def row(lead, with_revenue: bool = False) -> list:
    return [value(lead) for _column, value in _spec(with_revenue)]


def _rows(queryset, spec):
    for lead in queryset.iterator(chunk_size=1000):
        yield [value(lead) for _column, value in spec]


def leads_for_export(queryset, with_revenue: bool):
    return queryset.select_related("deal") if with_revenue else queryset


def lead_csv_lines(queryset, *, with_revenue: bool = False):
    spec = _spec(with_revenue)
    queryset = leads_for_export(queryset, with_revenue)
    return csv_lines([c for c, _v in spec], _rows(queryset, spec))


def lead_xlsx_write(queryset, stream, *, with_revenue: bool = False) -> None:
    spec = _spec(with_revenue)
    workbook = new_workbook()
    write_sheet(
        workbook,
        _("Leads"),
        [c for c, _v in spec],
        _rows(leads_for_export(queryset, with_revenue), spec),
    )
    workbook.save(stream)
