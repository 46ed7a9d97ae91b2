"""The dashboard's tables as CSV (one table a file) or XLSX (one sheet each),
the same rows the page shows (`stats.report`), typed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hub.spreadsheets import SheetColumn, csv_lines, new_workbook, write_sheet


def _sheet_columns(table) -> list[SheetColumn]:
    return [
        SheetColumn(c.label, c.kind, 30 if i == 0 else None)
        for i, c in enumerate(table.columns)
    ]


def _rows(table):
    yield from table.rows
    if table.total:
        yield table.total


def table_csv_lines(table):
    return csv_lines(_sheet_columns(table), _rows(table))


def tables_xlsx_write(tables, stream, *, period_label: str) -> None:
    workbook = new_workbook()
    for table in tables:
        write_sheet(workbook, table.title, _sheet_columns(table), _rows(table))
    about = [SheetColumn(_("Dashboard"), "text", 40), SheetColumn("", "text", 50)]
    write_sheet(workbook, _("About"), about, [[_("Period"), period_label]])
    workbook.save(stream)
