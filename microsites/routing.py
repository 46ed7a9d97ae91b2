"""Cached routes of the public hosts: host + path → (Site, page type, page id).

An uncached page render spent about half of its time finding the site and the
page (Wagtail: the site by hostname, the root's specific row, the child by slug,
its specific row, then the ancestors and their view restrictions: six queries;
docs/performance.md). A route learnt once is kept in the Django cache under the
site's page-cache generation, the one microsites.signals bumps on every publish,
unpublish, move, deletion, site or branding change and view restriction: a
stale route is never used. The entry carries a fields-only copy of the page (and
its picture), so a hit costs no query.

Only plain routes are kept: the page itself (no sub-route such as the quote
form's `merci/`), with no view restriction on it or above it.
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.core.cache import cache as django_cache
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from . import cache as page_cache


def _keys(request, path: str) -> tuple[str, str, str]:
    hostname = split_domain_port(request.get_host())[0]
    raw = f"{request.get_host()}|{path}"
    route_key = "microsites:route:" + hashlib.sha256(raw.encode()).hexdigest()
    return route_key, page_cache.site_generation_key(hostname), hostname


def route_from_cache(request, path: str) -> None:
    """Set what Wagtail memoises on the request (the site, the route) from a
    cached route of this generation; otherwise note the key for `remember`."""
    route_key, generation_key, hostname = _keys(request, path)
    found = django_cache.get_many([route_key, generation_key])
    generation = found.get(generation_key, 0)
    request._microsite_route_key = (route_key, generation)
    entry = found.get(route_key)
    if not entry or entry["generation"] != generation:
        return
    site = entry["site"]
    if site.hostname.lower() != hostname.lower():
        return  # the site was renamed: learn the route again
    page = entry.get("page")  # the cache hands out a fresh copy each time
    if page is None:
        model = apps.get_model(entry["model"])
        # no ORDER BY (first() would add one): the primary key names one row
        found_pages = list(
            model.objects.filter(pk=entry["page_id"], live=True).order_by()
        )
        if not found_pages:
            return
        page = found_pages[0]
    # Checked when the route was stored, and a new restriction bumps the
    # generation: both view-restriction hooks read this instead of two queries.
    page.get_view_restrictions = list
    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)
    del request._microsite_route_key  # known: nothing for `remember` to store


def remember(request) -> None:
    """After Wagtail routed a request the cache did not know: keep plain routes."""
    pending = getattr(request, "_microsite_route_key", None)
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if not pending or not route or site is None:
        return
    page, args, kwargs = route
    if args or kwargs or not page.live or list(page.get_view_restrictions()):
        return
    route_key, generation = pending
    entry = {
        "generation": generation,
        "site": _plain_copy(site),
        "model": page._meta.label,
        "page_id": page.pk,
        "page": _page_copy(page),
    }
    django_cache.set(route_key, entry, page_cache.timeout())


def _plain_copy(site: Site) -> Site:
    """The site and its root page, fields only: what Wagtail memoised on the
    request instances (the specific page, patched methods) stays out of the cache."""
    root = site.root_page
    copy = Site(**_fields(site, Site))
    copy.root_page = Page(**_fields(root, Page))
    copy.root_page._state.adding = copy._state.adding = False
    return copy


def _page_copy(page):
    """The specific page, fields only (and its picture when it was read): a
    known route then costs no query at all. Publishing, unpublishing or moving
    it bumps the generation the entry is kept under."""
    model = type(page)
    copy = model(**_fields(page, model))
    copy._state.adding = False
    image = page._state.fields_cache.get("image")
    if image is not None:
        copy._state.fields_cache["image"] = image
    return copy


def _fields(instance, model) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in model._meta.concrete_fields
    }
