"""Exports of the war room: the lead list (`leads`) and the dashboard's tables
(`dashboard`), as CSV and typed XLSX (`hub.spreadsheets`)."""

from hub.spreadsheets import safe_cell

from .dashboard import table_csv_lines, tables_xlsx_write
from .leads import headers, lead_csv_lines, lead_xlsx_write, row

__all__ = [
    "headers",
    "lead_csv_lines",
    "lead_xlsx_write",
    "row",
    "safe_cell",
    "table_csv_lines",
    "tables_xlsx_write",
]
