"""Cookieless counting of microsite page views, visits and quote requests.

No cookie, no identifier, no fingerprint: each count is a bare increment of a
day × page counter (`PageStatDay`). A *view* is a page shown (the page's small
script sends a beacon, so pages served by the page cache or the caching proxy
count too); a *visit* is a view that arrived from outside the site (no referrer,
or another site's): a landing, the cookieless stand-in for a session; a *quote*
is a quote request whose thank-you page was shown, once per request.

Visitors asking not to be tracked — `DNT: 1` or `Sec-GPC: 1` — are not counted
at all, and neither are robots (by user agent).
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import ContactRequest, PageStatDay

BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|headless"
    r"|lighthouse|pagespeed|curl|wget|python-|httpx|aiohttp|go-http|java/|okhttp"
    r"|scrapy|phantomjs|monitor|uptime|preview",
    re.IGNORECASE,
)


def wants_no_tracking(request) -> bool:
    return (
        request.headers.get("DNT", "").strip() == "1"
        or request.headers.get("Sec-GPC", "").strip() == "1"
    )


def is_bot(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOT_AGENTS.search(agent))


def countable(request) -> bool:
    return not wants_no_tracking(request) and not is_bot(request)


def _increment(*, site_id: int, page_id: int, day, **counts) -> None:
    """One UPDATE of the day's row (an INSERT the first time that day)."""
    updates = {name: F(name) + value for name, value in counts.items() if value}
    rows = PageStatDay.objects.filter(day=day, page_id=page_id)
    if rows.update(**updates):
        return
    try:
        with transaction.atomic():
            PageStatDay.objects.create(
                day=day, site_id=site_id, page_id=page_id, **counts
            )
    except IntegrityError:  # another request created it meanwhile
        rows.update(**updates)


def page_view_record(*, site, page, visit: bool, day=None) -> None:
    _increment(
        site_id=site.pk,
        page_id=page.pk,
        day=day or timezone.localdate(),
        views=1,
        visits=1 if visit else 0,
    )


@transaction.atomic
def conversion_record(*, contact_request: ContactRequest, site, day=None) -> bool:
    """Count a quote request reaching its thank-you page, once (a reload or a
    second visit of the link counts nothing). True when it was counted."""
    marked = ContactRequest.objects.filter(
        pk=contact_request.pk, converted_at__isnull=True
    ).update(converted_at=timezone.now())
    if not marked:
        return False
    _increment(
        site_id=site.pk,
        page_id=contact_request.page_id,
        day=day or timezone.localdate(),
        quotes=1,
    )
    return True
