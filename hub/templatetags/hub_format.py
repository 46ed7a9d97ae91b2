"""Numbers and money the way the reader's language writes them:
fr "6 800,00 €" (no-break spaces), en "€6,800.00". One filter for every page."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, translation

register = template.Library()
NBSP = "\u00a0"


def money_text(value, decimals: int = 2) -> str:
    if value in (None, ""):
        return ""
    try:
        # Half up, as invoices round (Python would round 0.5 to even).
        amount = Decimal(str(value)).quantize(
            Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
        )
    except (InvalidOperation, ValueError):
        return ""
    number = formats.number_format(amount, decimals, use_l10n=True, force_grouping=True)
    if (translation.get_language() or "fr").startswith("fr"):
        return f"{number}{NBSP}€"
    return f"€{number}"


@register.filter
def money(value, decimals=2):
    """`{{ lead.estimated_value|money }}` → 6 800,00 €; `|money:0` → 6 800 €."""
    try:
        decimals = int(decimals)
    except (TypeError, ValueError):
        decimals = 2
    return money_text(value, decimals)


@register.filter
def number(value, decimals=0):
    """A grouped number: 12 500 (fr), 12,500 (en)."""
    if value in (None, ""):
        return ""
    try:
        return formats.number_format(
            value, int(decimals), use_l10n=True, force_grouping=True
        )
    except (TypeError, ValueError, InvalidOperation):
        return ""
