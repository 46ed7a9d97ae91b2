"""Reads of the microsites app: navigation, home sections, sitemap, staff list."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as django_cache
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from . import cache as page_cache
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


def live_page_of_site(site: Site, page_id: int) -> Page | None:
    """A live page of `site` by id (the stats beacon names pages by id)."""
    return (
        Page.objects.filter(pk=page_id, live=True, path__startswith=site.root_page.path)
        .only("pk")
        .first()
    )


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


NAV_FIELDS = ("id", "title", "url_path", "content_type_id")


@dataclass(frozen=True)
class MenuEntry:
    """A menu item: what header, footer and quote box read, without a Page."""

    pk: int
    title: str
    url: str
    content_type_id: int


def site_navigation(request, site: Site) -> list[MenuEntry]:
    """Menu entries of a site: live, public children of its root, in menu order.

    Memoised on the request (header and footer both read it) and kept in the
    Django cache per site under the site's page-cache generation: publishing,
    unpublishing, moving or deleting a page, or changing a view restriction,
    bumps it (microsites.signals), so a stale menu is never read. URLs are
    relative on the site's own host, absolute elsewhere (admin preview)."""
    cached = getattr(request, "_microsite_nav", None)
    if cached is None:
        own_host = getattr(Site.find_for_request(request), "pk", None) == site.pk
        prefix = "" if own_host else site.root_url
        cached = [
            MenuEntry(pk, title, prefix + path, type_id)
            for pk, title, path, type_id in _cached_navigation(site)
        ]
        request._microsite_nav = cached
    return cached


def _cached_navigation(site: Site) -> list[tuple]:
    """(id, title, site-relative path, content type) of each menu entry."""
    key = f"microsites:nav:{site.pk}"
    generation_key = page_cache.site_generation_key(site.hostname)
    found = django_cache.get_many([key, generation_key])
    generation = found.get(generation_key, 0)
    entry = found.get(key)
    if entry and entry["generation"] == generation:
        return entry["rows"]
    rows = _navigation_rows(site)
    django_cache.set(key, {"generation": generation, "rows": rows}, None)
    return rows


def _navigation_rows(site: Site) -> list[tuple]:
    # Children of the root: private when they carry a restriction themselves
    # (a restricted root makes the whole site private, menu included).
    children = (
        site.root_page.get_children()
        .live()
        .filter(show_in_menus=True, view_restrictions__isnull=True)
    )
    root_path = site.root_page.url_path
    return [
        (pk, title, "/" + url_path[len(root_path) :], type_id)
        for pk, title, url_path, type_id in children.values_list(*NAV_FIELDS)
    ]


def quote_url(request, nav_pages) -> str:
    """URL of the site's quote form when it is in the menu (no extra query)."""
    contact_type = ContentType.objects.get_for_model(ContactPage)
    for item in nav_pages:
        if item.content_type_id == contact_type.pk:
            return item.url
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


# --- the site factory: what a draft still needs -----------------------------


def site_pages(site: Site) -> list[Page]:
    return list(
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .specific()
    )


def _latest(page):
    """The page as it will be published (its latest revision)."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def site_unfilled_placeholders(site: Site) -> list[tuple[Page, list[str]]]:
    from .placeholders import page_texts, unfilled

    found = []
    for page in site_pages(site):
        names = sorted(
            {p for text in page_texts(_latest(page)) for p in unfilled(text)}
        )
        if names:
            found.append((page, names))
    return found


def site_origin(site: Site) -> dict:
    """What the factory recorded when it made the site (template, cities)."""
    from hub.models import AuditEntry

    entry = (
        AuditEntry.objects.filter(
            action="microsites.site_create", target_id=str(site.pk)
        )
        .order_by("-created_at")
        .first()
    )
    return entry.changes if entry else {}


def site_draft_report(site: Site) -> dict:
    """The draft page's content: pages with their state, placeholders left,
    and pages still naming the template's city (worth a look before
    publishing: "à 2 h de Lyon" may be right, "Devis gratuit à Lyon" is not)."""
    import re

    from .placeholders import page_texts, unfilled

    origin = site_origin(site)
    old_city = origin.get("template_city") or ""
    if old_city and old_city == origin.get("city"):
        old_city = ""
    mention = re.compile(r"(?<![\w-])" + re.escape(old_city) + r"(?![\w-])")
    rows = []
    for page in site_pages(site):
        texts = page_texts(_latest(page))
        rows.append(
            {
                "page": page,
                "unfilled": sorted({p for t in texts for p in unfilled(t)}),
                "mentions_template_city": bool(old_city)
                and any(mention.search(t) for t in texts),
            }
        )
    return {
        "live": site.root_page.live,
        "rows": rows,
        "origin": origin,
        "template_city": old_city,
        "unfilled": [r for r in rows if r["unfilled"]],
        "mentions": [r for r in rows if r["mentions_template_city"]],
        "to_publish": sum(1 for r in rows if r["page"].has_unpublished_changes),
    }


# --- visits → quotes → won (cookieless counts + the war room's deals) -------


def _stat_totals(group_by: str, start, end, **filters) -> dict[int, dict]:
    from django.db.models import Sum

    from .models import PageStatDay

    rows = (
        PageStatDay.objects.filter(day__gte=start, day__lte=end, **filters)
        .values(group_by)
        .annotate(views=Sum("views"), visits=Sum("visits"), quotes=Sum("quotes"))
        .order_by()
    )
    return {row[group_by]: row for row in rows}


def _funnel_row(counts: dict | None, won: dict | None) -> dict:
    from decimal import Decimal

    counts, won = counts or {}, won or {}
    return {
        "views": counts.get("views") or 0,
        "visits": counts.get("visits") or 0,
        "quotes": counts.get("quotes") or 0,
        "won": won.get("won", 0),
        "won_amount": won.get("amount", Decimal(0)),
    }


def funnel_by_site(start, end) -> list[dict]:
    """Visits → quotes → won per microsite between two dates (inclusive).

    One row per microsite: site_id, site_name, hostname, views, visits (views
    arriving from outside the site), quotes (requests that reached their
    thank-you page), won (deals won in the period from leads the site brought,
    by the lead's attribution) and won_amount (Decimal €). Counted without
    cookies (microsites.services.stats). For the staff list and the boss's
    dashboard; three queries whatever the number of sites."""
    from prospecting.selectors import won_by_attribution

    counts = _stat_totals("site_id", start, end)
    won = won_by_attribution(key="site_id", start=start, end=end)
    sites = microsite_sites().order_by("site_name", "hostname")
    return [
        {
            "site_id": site.pk,
            "site_name": site.site_name or site.hostname,
            "hostname": site.hostname,
            **_funnel_row(counts.get(site.pk), won.get(site.pk)),
        }
        for site in sites.only("pk", "site_name", "hostname")
    ]


def funnel_by_page(site: Site, start, end) -> list[dict]:
    """The same per page of one site (live pages, and any page with counts)."""
    from prospecting.selectors import won_by_attribution

    counts = _stat_totals("page_id", start, end, site=site)
    won = won_by_attribution(key="page_id", start=start, end=end)
    pages = Page.objects.descendant_of(site.root_page, inclusive=True).filter(
        Q(live=True) | Q(pk__in=list(counts))
    )
    return [
        {"page": page, **_funnel_row(counts.get(page.pk), won.get(page.pk))}
        for page in pages.order_by("path").only(
            "pk", "title", "url_path", "path", "depth"
        )
    ]
