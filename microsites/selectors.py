"""Reads of the microsites app: navigation, home sections, sitemap, staff list."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from .models import ContactPage, MicrositeHomePage, NewsPage, ProductPage


def host_site(request) -> Site:
    """The Site owning this exact hostname. Wagtail falls back to the default (hub)
    site for unknown hosts; a public host must never show the hub's tree, so an
    unknown host answers 404 instead (documented in hub/middleware.py).

    The site found is stored where `Site.find_for_request` memoises it, so
    Wagtail's serve and the branding reuse it. Wagtail's own lookup builds a
    CASE/WHEN query that ranks the default site too: compiling it was about a
    quarter of an uncached page render (docs/performance.md, profiles); only
    sites of this hostname can answer here, so a plain filter picks among them
    the one Wagtail would have picked (same port, else the default flag, else
    the only one)."""
    hostname = split_domain_port(request.get_host())[0].lower()
    if hasattr(request, "_wagtail_site"):
        site = request._wagtail_site
    else:
        site = _site_for_hostname(hostname, request.get_port())
        if site is not None:  # else Wagtail's own fallback, should anyone ask
            request._wagtail_site = site
    if site is None or site.hostname.lower() != hostname:
        raise Http404
    return site


def _site_for_hostname(hostname: str, port) -> Site | None:
    sites = list(
        Site.objects.filter(hostname=hostname).select_related("root_page").order_by()
    )
    for rank in (
        lambda site: str(site.port) == str(port),
        lambda site: site.is_default_site,
        lambda site: len(sites) == 1,
    ):
        chosen = [site for site in sites if rank(site)]
        if chosen:
            return chosen[0]
    return None


def restricted_paths(root: Page) -> list[str]:
    """Tree paths of private sections (any view restriction) under `root`."""
    return list(
        PageViewRestriction.objects.filter(page__path__startswith=root.path)
        .values_list("page__path", flat=True)
        .distinct()
    )


def exclude_private(queryset, paths: list[str]):
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return queryset.exclude(query) if paths else queryset


def site_navigation(request, site: Site) -> list[Page]:
    """Menu entries of a site: live, public children of its root, in menu order.
    Memoised on the request (header and footer both read it)."""
    cached = getattr(request, "_microsite_nav", None)
    if cached is None:
        # Children of the root: private when they carry a restriction themselves
        # (a restricted root makes the whole site private, menu included).
        children = (
            site.root_page.get_children()
            .live()
            .filter(show_in_menus=True, view_restrictions__isnull=True)
        )
        cached = list(
            children.only("id", "title", "url_path", "path", "depth", "content_type_id")
        )
        request._microsite_nav = cached
    return cached


def quote_url(request, nav_pages) -> str:
    """URL of the site's quote form when it is in the menu (no extra query)."""
    contact_type = ContentType.objects.get_for_model(ContactPage)
    for item in nav_pages:
        if item.content_type_id == contact_type.pk:
            return item.get_url(request)
    return ""


def home_sections(home: MicrositeHomePage) -> dict:
    children = home.get_children().live()
    ids = children.values("pk")
    return {
        "products": ProductPage.objects.filter(pk__in=ids)
        .select_related("image")
        .order_by("path"),
        "news": NewsPage.objects.filter(pk__in=ids).order_by("-date")[:3],
        "contact_page": ContactPage.objects.filter(pk__in=ids).first(),
    }


def sitemap_pages(site: Site):
    """Live pages of the site, private sections and their descendants excluded."""
    root = site.root_page
    pages = Page.objects.descendant_of(root, inclusive=True).live()
    return exclude_private(pages, restricted_paths(root)).order_by("path")


def microsite_sites():
    home_type = ContentType.objects.get_for_model(MicrositeHomePage)
    return Site.objects.filter(root_page__content_type=home_type)


def microsite_overview(lead_counts: dict[int, int]) -> list[dict]:
    """One row per microsite for the staff list: pages, last publish, leads."""
    sites = list(microsite_sites().select_related("root_page"))
    pages = _pages_under({site.root_page.path for site in sites})
    return [
        {
            "site": site,
            "pages": pages.get(site.root_page.path, {}).get("live", 0),
            "last_published": pages.get(site.root_page.path, {}).get("last_published"),
            "leads": lead_counts.get(site.pk, 0),
        }
        for site in sites
    ]


def _pages_under(root_paths: set[str]) -> dict[str, dict]:
    """Per root path: live pages under it (the root included) and the last
    publish date of any page under it. One grouped scan per root path length:
    `path LIKE root || '%'` per site, correlated, cannot use the path index and
    read every page once per site (80 sites × 4,000 pages)."""
    found: dict[str, dict] = {}
    for length in {len(path) for path in root_paths}:
        rows = (
            Page.objects.annotate(root=Substr("path", 1, length))
            .filter(root__in=[path for path in root_paths if len(path) == length])
            .values("root")
            .annotate(
                live=Count("pk", filter=Q(live=True)),
                last_published=Max("last_published_at"),
            )
            .order_by()
        )
        found.update({row["root"]: row for row in rows})
    return found


def microsite_panel(lead_counts: dict[int, int], *, top: int = 5) -> dict:
    """The staff home's card: sites, live pages, website leads and the sites
    bringing the most: the staff list's figures, summed (the card is on every
    staff home request)."""
    sites = list(
        microsite_sites()
        .select_related("root_page")
        .only("pk", "site_name", "root_page__path")
    )
    pages = _pages_under({site.root_page.path for site in sites})
    rows = [{"site": site, "leads": lead_counts.get(site.pk, 0)} for site in sites]
    ranked = sorted((r for r in rows if r["leads"]), key=lambda r: -r["leads"])
    return {
        "sites": len(sites),
        "pages": sum(
            pages.get(site.root_page.path, {}).get("live", 0) for site in sites
        ),
        "leads": sum(r["leads"] for r in rows),
        "top": ranked[:top],
    }
