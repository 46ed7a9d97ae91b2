"""Purging the caching proxy in front of the hub (wagtail.contrib.frontend_cache).

Wagtail purges a page's own URL when it is published or unpublished. A microsite
page also shows in other pages (the menu on every page, product cards on the
home), and branding shows everywhere: so a site-wide change bans the whole host,
the way `microsites.cache` bumps a site's generation. `SitePurgeBackend` is
Wagtail's HTTP backend (PURGE <url>, Host: <site>) plus that ban: a PURGE with
`X-Purge-Scope: host` (or `all`), which deploy/varnish/hub.vcl turns into a
Varnish ban. Purges are sent after the change commits (the proxy must not fetch
the old page again before).
"""

from __future__ import annotations

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import urlopen

from django.db import transaction
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")


class SitePurgeBackend(HTTPBackend):
    def purge_scope(self, scope: str, hostname: str = "") -> None:
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            headers={
                "Host": hostname or "purge.invalid",
                "X-Purge-Scope": scope,
                "User-Agent": "Wagtail-frontendcache/" + __version__,
            },
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310 - the configured proxy's URL
        except (HTTPError, URLError, OSError) as error:
            logger.error(
                "Couldn't ban %s %s from the proxy: %s", scope, hostname, error
            )


def _ban(scope: str, hostname: str = "") -> None:
    for backend in get_backends().values():
        if isinstance(backend, SitePurgeBackend) and (
            scope == "all" or backend.invalidates_hostname(hostname)
        ):
            backend.purge_scope(scope, hostname)


def purge_site(hostname: str) -> None:
    """Every cached page of one host, once the change is committed."""
    if get_backends():
        transaction.on_commit(lambda: _ban("host", hostname.lower()))


def purge_everything() -> None:
    if get_backends():
        transaction.on_commit(lambda: _ban("all"))
