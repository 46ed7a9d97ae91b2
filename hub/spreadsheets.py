"""Cells written to CSV/XLSX exports, safe to open in a spreadsheet."""

from decimal import Decimal

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
