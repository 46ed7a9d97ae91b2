"""Per-site page cache (Django cache framework).

Only anonymous GET/HEAD requests without a session and without query parameters
(UTM/click ids aside) are cached, and only for page types that allow it
(`cache_public_response`). The key holds host, path and language. Entries carry
the generation of their site and the global generation they were rendered under;
publishing, unpublishing, moving or deleting a page bumps its site's generation,
saving a product fact (shown on every site) bumps the global one — see
microsites.signals. One cache round trip per request, zero SQL queries on a hit.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port

from .attribution import UTM_KEYS

IGNORED_PARAMS = frozenset(UTM_KEYS) | {"gclid", "fbclid", "msclkid"}
GLOBAL_GENERATION = "microsites:gen:*"
# set by the view (per-site CSP with its analytics origin, the site's language)
STORED_HEADERS = ("Content-Security-Policy", "Content-Language")


def timeout() -> int:
    return int(getattr(settings, "MICROSITES_PAGE_CACHE_SECONDS", 600))


def _host(request) -> str:
    return split_domain_port(request.get_host())[0]


def site_generation_key(hostname: str) -> str:
    return f"microsites:gen:{hostname}"


def language_of(request) -> str:
    return request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") or "default"


def entry_key(request) -> str | None:
    """The cache key of this request, or None when it must not be cached."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # maybe logged in: never serve or store a shared copy
    if set(request.GET) - IGNORED_PARAMS:
        return None
    raw = f"{_host(request)}|{request.path}|{language_of(request)}"
    return "microsites:page:" + hashlib.sha256(raw.encode()).hexdigest()


def get(request, key: str) -> tuple[HttpResponse | None, tuple]:
    """(cached response or None, the generations to store a fresh render under).

    Generations are read before rendering, so a publish during the render makes
    the stored entry stale rather than wrongly fresh."""
    site_key = site_generation_key(_host(request))
    found = cache.get_many([key, site_key, GLOBAL_GENERATION])
    generations = (found.get(site_key, 0), found.get(GLOBAL_GENERATION, 0))
    entry = found.get(key)
    if not entry or tuple(entry["generations"]) != generations:
        return None, generations
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    for name, value in entry.get("headers", {}).items():
        response[name] = value
    response["X-Microsite-Cache"] = "hit"
    return response, generations


def generations(request) -> tuple:
    """(site generation, global generation) of the request's host."""
    site_key = site_generation_key(_host(request))
    found = cache.get_many([site_key, GLOBAL_GENERATION])
    return (found.get(site_key, 0), found.get(GLOBAL_GENERATION, 0))


def store(key: str, response, generations: tuple) -> None:
    cache.set(
        key,
        {
            "generations": generations,
            "content": response.content,
            "content_type": response["Content-Type"],
            "headers": {
                name: response[name] for name in STORED_HEADERS if name in response
            },
        },
        timeout(),
    )
    response["X-Microsite-Cache"] = "miss"


def _bump(key: str) -> None:
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=None)


def invalidate_site(hostname: str) -> None:
    _bump(site_generation_key(hostname))


def invalidate_all() -> None:
    _bump(GLOBAL_GENERATION)
