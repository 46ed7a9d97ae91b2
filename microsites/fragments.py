"""Fragments of a public page kept rendered between requests: the header, the
article (hero, picture, body) and the footer are most of an uncached render's
template time, and change only when the site's page-cache generation or the
global one changes (publish, branding, product fact, an FAQ's article — see
microsites.signals). Keyed by fragment, host, page, language and both
generations; read in one cache round trip per request (`prefetch`), stored with
the page cache's lifetime.

What stays out: the quote and question boxes (a CSRF token and a key per
display), the <head> (structured data is cheap), previews (Wagtail's preview
is not served by `serve_page`, so it has no generations and nothing is cached)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache as django_cache
from django.utils import translation
from django.utils.safestring import mark_safe

from . import cache as page_cache

NAMES = ("header", "article", "footer")


def _key(request, page, name: str) -> str | None:
    generations = getattr(request, "_microsite_generations", None)
    if generations is None or page is None or not getattr(page, "pk", None):
        return None
    if getattr(request, "is_preview", False):
        return None
    raw = (
        f"{name}|{request.get_host()}|{page.pk}|{translation.get_language()}|"
        f"{generations[0]}|{generations[1]}"
    )
    return "microsites:frag:" + hashlib.sha256(raw.encode()).hexdigest()


def remember_generations(request, generations: tuple | None) -> None:
    """The generations this render belongs to (read now if the page cache
    did not: a logged-in visitor or a query string)."""
    if generations is None:
        generations = page_cache.generations(request)
    request._microsite_generations = tuple(generations)


def prefetch(request, page) -> None:
    """Every fragment of this page in one cache round trip."""
    keys = {name: _key(request, page, name) for name in NAMES}
    wanted = [key for key in keys.values() if key]
    found = django_cache.get_many(wanted) if wanted else {}
    request._microsite_fragments = {
        name: (key, found.get(key)) for name, key in keys.items() if key
    }


def render(context, name: str, build) -> str:
    """The fragment's HTML: from the cache, or built now and stored."""
    request, page = context.get("request"), context.get("page")
    if request is None:
        return build()
    known = getattr(request, "_microsite_fragments", {})
    key, html = known.get(name, (_key(request, page, name), None))
    if key is None:
        return build()
    if html is None:
        html = build()
        django_cache.set(key, str(html), page_cache.timeout())
    return mark_safe(html)  # noqa: S308 - our own template output, escaped when built
