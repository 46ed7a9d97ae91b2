"""Reads about where leads came from: the list's origin filters (channel, site,
UTM source, campaign, team, dates of arrival) and what a lead page shows of a
microsite attribution."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from ..attribution import CHANNEL_LABELS, CHANNELS, humanize_tag, site_name_of, touch_of
from ..models import Lead, Team


def origin_filter(queryset: QuerySet[Lead], filters: dict) -> QuerySet[Lead]:
    """Channel, site, UTM source, campaign, team and dates of arrival: the
    dashboard's drill-down links land on the list with these. "none" asks for
    leads without the value. Dates are checked by the view (`filter_errors`):
    an invalid one is ignored here."""
    if filters.get("channel") in CHANNELS:
        queryset = queryset.filter(channel=filters["channel"])
    site = str(filters.get("site") or "")
    if site == "none":
        queryset = queryset.filter(site__isnull=True)
    elif site.isdigit():
        queryset = queryset.filter(site_id=int(site))
    for key, column in (("utm_source", "utm_source"), ("campaign", "utm_campaign")):
        value = filters.get(key)
        if value:
            queryset = queryset.filter(**{column: "" if value == "none" else value})
    if str(filters.get("team") or "").isdigit():
        members = Team.members.through.objects.filter(
            team_id=int(filters["team"])
        ).values("user_id")
        queryset = queryset.filter(owner_id__in=members)
    first, last = filter_dates(filters)
    if first:
        queryset = queryset.filter(created_at__gte=_midnight(first))
    if last:
        queryset = queryset.filter(created_at__lt=_midnight(last + timedelta(days=1)))
    return queryset


def origin_filter_words(filters: dict) -> list[tuple[str, str, str]]:
    """(key, label, value in words) of the origin filters in use, for the
    chips above a filtered list (at most two small look-ups: site, team)."""
    from wagtail.models import Site

    words = []
    for key, label in ORIGIN_LABELS.items():
        value = str(filters.get(key) or "")
        if not value:
            continue
        shown = value
        if value == "none":
            shown = _("none")
        elif key == "channel":
            shown = CHANNEL_LABELS.get(value, value)
        elif key == "site" and value.isdigit():
            site = Site.objects.filter(pk=int(value)).first()
            shown = (site.site_name or site.hostname) if site else value
        elif key == "team" and value.isdigit():
            shown = (
                Team.objects.filter(pk=int(value))
                .values_list("name", flat=True)
                .first()
                or value
            )
        elif key == "campaign":
            shown = humanize_tag(value)
        words.append((key, str(label), str(shown)))
    return words


ORIGIN_LABELS = {
    "channel": _("Channel"),
    "site": _("Site"),
    "utm_source": _("UTM source"),
    "campaign": _("Campaign"),
    "team": _("Team"),
    "from": _("Arrived from"),
    "to": _("Arrived until"),
}


def filter_dates(filters: dict):
    """(from, to) dates of arrival in the filters, None where absent or invalid."""

    def one(key):
        try:
            return parse_date(str(filters.get(key) or ""))
        except ValueError:  # well formed but impossible: 2026-02-31
            return None

    return one("from"), one("to")


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


UTM_LABELS = {
    "utm_source": _("UTM source"),
    "utm_medium": _("UTM medium"),
    "utm_campaign": _("UTM campaign"),
    "utm_term": _("UTM term"),
    "utm_content": _("UTM content"),
}


def attribution_summary(attribution: dict | None) -> dict | None:
    """What the lead page shows of a microsite attribution: the site by its
    name, the page, the campaign tags with their names, the referrer."""
    if not attribution or not isinstance(attribution, dict):
        return None
    touch = touch_of(attribution)
    page_url = str(attribution.get("page_url") or "")
    return {
        "where": site_name_of(attribution),
        "page_url": page_url if page_url.startswith(("http://", "https://")) else "",
        "utms": [
            (label, str(touch[k])) for k, label in UTM_LABELS.items() if touch.get(k)
        ],
        "referrer": str(attribution.get("referrer") or ""),
    }
