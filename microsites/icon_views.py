"""The site's own favicon, app icons and web manifest, on its own host
(`/favicon.ico`, `/icon-192.png`, `/icon-512.png`, `/manifest.webmanifest`),
drawn from its branding by microsites.icons."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from . import icons, selectors
from .models import SiteBranding

# a day in browsers: a new colour shows up within one (the icon URL stays put)
_MAX_AGE = 86400


def _branding(request) -> SiteBranding:
    site = selectors.host_site(request)  # 404 for a host without its site
    return SiteBranding.for_site(site)


def _cached(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=_MAX_AGE)
    return response


@require_GET
def favicon(request):
    data = icons.favicon_ico(_branding(request))
    return _cached(HttpResponse(data, content_type="image/x-icon"))


@require_GET
def app_icon(request, size: int):
    if size not in icons.ICON_SIZES:
        raise Http404
    data = icons.icon_png(_branding(request), size)
    return _cached(HttpResponse(data, content_type="image/png"))


@require_GET
def web_manifest(request):
    data = json.dumps(icons.manifest(_branding(request)), ensure_ascii=False)
    return _cached(HttpResponse(data, content_type="application/manifest+json"))
