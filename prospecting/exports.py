"""CSV and XLSX export of the current board filter.

Text cells that a spreadsheet would evaluate (starting with = + - @, a tab or a
carriage return) are prefixed with an apostrophe (OWASP "CSV injection"), in
both formats. Rows are streamed: an export of 100k leads never sits in memory.
"""

from __future__ import annotations

import csv
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.spreadsheets import safe_cell


def headers() -> list[str]:
    return [
        _("Lead"),
        _("Company"),
        _("Website"),
        "SIREN",
        _("Sector"),
        _("Region"),
        _("City"),
        _("Contact"),
        _("E-mail"),
        _("Phone"),
        _("Source"),
        _("Found at"),
        _("Found by"),
        _("Owner"),
        _("Stage"),
        _("Estimated value (€)"),
        _("Probability (%)"),
        _("Next action"),
        _("Due"),
        _("Created"),
        _("Last activity"),
        _("Note"),
    ]


def _user(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def row(lead) -> list:
    contact = lead.contact
    local = timezone.localtime
    return [
        lead.pk,
        lead.company.name,
        lead.company.website,
        lead.company.siren,
        lead.company.sector,
        lead.company.region,
        lead.company.city,
        contact.full_name if contact else "",
        contact.email if contact else "",
        contact.phone if contact else "",
        lead.get_source_display(),
        lead.source_url,
        _user(lead.found_by),
        _user(lead.owner),
        str(lead.stage.label),
        lead.estimated_value,
        lead.effective_probability,
        lead.next_action,
        lead.next_action_due.isoformat() if lead.next_action_due else "",
        local(lead.created_at).strftime("%Y-%m-%d %H:%M"),
        local(lead.last_activity_at).strftime("%Y-%m-%d %H:%M"),
        lead.note,
    ]


def safe_rows(queryset):
    yield [safe_cell(h) for h in headers()]
    for lead in queryset.iterator(chunk_size=1000):
        yield [safe_cell(v) for v in row(lead)]


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset):
    """UTF-8 with BOM and semicolons: what French Excel opens correctly."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for values in safe_rows(queryset):
        yield writer.writerow(values)


def xlsx_write(queryset, stream) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Leads")[:31])
    for values in safe_rows(queryset):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
    workbook.save(stream)
