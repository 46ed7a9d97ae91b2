"""Cells and typed sheets for every CSV/XLSX export (war room, Webschool).

XLSX: every cell has its type — text as strings (a text cell is never a
formula, so no guard apostrophe shows: "+33 5 56…" and "=cmd" read as typed;
such cells carry Excel's quote-prefix flag so re-editing one keeps it text),
real dates and datetimes with a date format, numbers, € amounts with a number
format — a frozen, bold header row, an autofilter over the data and widths
that fit. Written in openpyxl's write-only mode: rows stream to the file.

CSV keeps the OWASP guard (`hub.spreadsheets.safe_cell`): a CSV has no types,
a spreadsheet evaluates any cell that looks like a formula.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

# A cell starting with one of these runs as a formula in Excel/LibreOffice.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Numbers stay numbers; text that a spreadsheet would evaluate gets a quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


FORMATS = {
    "int": "#,##0",
    "money": '#,##0.00 "€"',
    "percent": '0.0 "%"',
    "hours": '0.0 "h"',
    "date": "dd/mm/yyyy",
    "month": "mmm yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
    "text": "@",
}
WIDTHS = {"int": 10, "money": 15, "percent": 10, "hours": 12, "date": 12}
WIDTHS.update({"month": 12, "datetime": 17, "text": 24})


@dataclass(frozen=True)
class SheetColumn:
    label: str
    kind: str = "text"  # a key of FORMATS
    width: int | None = None


def _local(value):
    """Datetimes as the reader's wall clock (a spreadsheet has no time zone)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def csv_value(value, kind: str):
    value = _local(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m") if kind == "month" else value.isoformat()
    return safe_cell(value)


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns: list[SheetColumn], rows):
    """UTF-8 with BOM and semicolons: what French Excel opens correctly."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    yield writer.writerow([safe_cell(c.label) for c in columns])
    for row in rows:
        yield writer.writerow(
            [csv_value(v, c.kind) for v, c in zip(row, columns, strict=True)]
        )


def _text(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters (a pasted note) are refused by the XLSX format.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _cell(sheet, value, kind: str, style=None):
    from openpyxl.cell import WriteOnlyCell

    value = _local(value)
    if value is None or value == "":
        cell = WriteOnlyCell(sheet, value=None)
    elif isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=str(value))
    elif isinstance(value, int | float | Decimal | date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = FORMATS.get(kind, "General")
        if isinstance(value, datetime) and kind not in ("datetime",):
            cell.number_format = FORMATS["datetime"]
        elif isinstance(value, date) and kind not in ("date", "month", "datetime"):
            cell.number_format = FORMATS["date"]
    else:
        cell = WriteOnlyCell(sheet, value=_text(value))
        # openpyxl reads a leading "=" as a formula: a text cell stays text.
        cell.data_type = "s"
        cell.number_format = FORMATS["text"]
        # What Excel itself stores when one types '+33…: the cell is marked
        # "quote prefix", so editing it keeps it text, yet no apostrophe shows.
        cell.quotePrefix = str(value).startswith(DANGEROUS_PREFIXES)
    if style is not None:
        cell.font = style
    return cell


def write_sheet(workbook, title: str, columns: list[SheetColumn], rows) -> int:
    """Append a sheet of `rows` (values in the order of `columns`); returns the
    number of data rows."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_text(title)[:31] or "Sheet")
    # Both go before the first row: write-only sheets write their head first.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = column.width or max(WIDTHS.get(column.kind, 14), len(column.label) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, c.label, "text", bold) for c in columns])
    count = 0
    for row in rows:
        sheet.append(
            [_cell(sheet, v, c.kind) for v, c in zip(row, columns, strict=True)]
        )
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def new_workbook():
    from openpyxl import Workbook

    return Workbook(write_only=True)
