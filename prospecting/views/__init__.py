"""Thin views of the war room: validate, call one service or selector, render."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from hub.views import staff_required

from .. import selectors


def sales_required(view):
    """Staff login first, then Sales or Managers."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_work_all(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


FILTER_KEYS = (
    "owner",
    "source",
    "region",
    "stage",
    "mine",
    "q",
    "stale",
    "import",
    # Where leads came from and when (the dashboard's drill-down links).
    "channel",
    "site",
    "utm_source",
    "campaign",
    "team",
    "from",
    "to",
)
DATE_KEYS = ("from", "to")


def filters_from(request) -> dict:
    return {
        k: request.GET.get(k, "").strip()[:200]
        for k in FILTER_KEYS
        if request.GET.get(k)
    }


def filter_errors(filters: dict) -> list[str]:
    """What is wrong with the dates of a lead filter, in words ([] when fine)."""
    errors, dates = [], {}
    for key in DATE_KEYS:
        value = filters.get(key)
        if not value:
            continue
        try:
            dates[key] = parse_date(value)
        except ValueError:
            dates[key] = None
        if dates[key] is None:
            errors.append(
                _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31.")
                % {"value": value[:40]}
            )
    if dates.get("from") and dates.get("to") and dates["from"] > dates["to"]:
        errors.append(_("The start date comes after the end date."))
    return errors


def filter_error_response(request, errors: list[str]) -> TemplateResponse:
    """400 with the reasons in words and a way back, never a 500."""
    return TemplateResponse(
        request,
        "prospecting/filter_error.html",
        {"errors": errors, "back": request.path},
        status=400,
    )
