"""Where a website visitor came from: UTM parameters of the first campaign visit
(kept in a signed first-party cookie set on that landing; ordinary visits get no
cookie) and of the latest touch (the current
request, else the latest campaign visit). Attached to every lead born from a
contact form (see microsites/README.md)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core import signing
from django.utils import timezone

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
FIRST_TOUCH_COOKIE = "ms_first_touch"
LAST_TOUCH_COOKIE = "ms_last_touch"
COOKIE_MAX_AGE = 90 * 24 * 3600
_SALT = "microsites.attribution"
MAX_VALUE = 200


def _utm_from(query) -> dict:
    return {key: query.get(key, "")[:MAX_VALUE] for key in UTM_KEYS}


def touch_from_request(request) -> dict:
    referrer = request.META.get("HTTP_REFERER", "")[:500]
    return {
        **_utm_from(request.GET),
        "landing_url": request.build_absolute_uri()[:500],
        "referrer": "" if _same_host(referrer, request) else referrer,
        "at": timezone.now().isoformat(),
    }


def _same_host(url: str, request) -> bool:
    return bool(url) and urlsplit(url).netloc == request.get_host()


def has_utm(request) -> bool:
    return any(request.GET.get(key) for key in UTM_KEYS)


def read_touch(request, cookie: str) -> dict | None:
    value = request.COOKIES.get(cookie)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def _write_touch(response, cookie: str, touch: dict) -> None:
    response.set_cookie(
        cookie,
        signing.dumps(touch, salt=_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )


def remember_touch(request, response) -> None:
    """Page hook on every microsite page: on a campaign visit (UTM parameters),
    set the first-touch cookie if there is none and refresh the last touch.

    Only campaign visits: an ordinary visit gets no cookie at all, so its page
    can be kept by a shared cache (a response setting a cookie never is), and
    the statistics need none (microsites.services.stats). Nor for visitors who
    ask not to be tracked (DNT, Sec-GPC)."""
    from .services.stats import wants_no_tracking

    if response.status_code != 200 or not has_utm(request):
        return
    if wants_no_tracking(request):
        return
    touch = touch_from_request(request)
    if request.COOKIES.get(FIRST_TOUCH_COOKIE) is None:
        _write_touch(response, FIRST_TOUCH_COOKIE, touch)
    _write_touch(response, LAST_TOUCH_COOKIE, touch)


def attribution_for(request, *, site, page) -> dict:
    """The `attribution` dict of prospecting.services.lead_intake (contract)."""
    current = touch_from_request(request)
    last = current if has_utm(request) else read_touch(request, LAST_TOUCH_COOKIE)
    first = read_touch(request, FIRST_TOUCH_COOKIE) or last or current
    external = (
        ""
        if _same_host(request.META.get("HTTP_REFERER", ""), request)
        else (request.META.get("HTTP_REFERER", "")[:500])
    )
    return {
        "site_id": site.pk,
        "site_name": site.site_name or site.hostname,
        "hostname": site.hostname,
        "page_id": page.pk,
        "page_url": request.build_absolute_uri(page.get_url(request)),
        # where the visitor came from (the form page itself is no news)
        "referrer": external or (first or {}).get("referrer", ""),
        "first_touch": first,
        "last_touch": last or current,
        "submitted_at": timezone.now().isoformat(),
        # The site's promise and trade: the war room routes and times the lead.
        **_site_terms(request, site),
    }


def _site_terms(request, site) -> dict:
    from .models import SiteBranding

    branding = SiteBranding.for_site(site)
    return {
        "callback_hours": branding.callback_hours,
        "product_line": branding.product_line,
    }
