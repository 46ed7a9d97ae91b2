"""Seeding microsites: wall time of the microsites seed step for 80 sites × ~50
pages (QUICK: 5 × ~10), the way `make demo` runs it. Baseline: Wagtail's
`add_child` per page (publish-equivalent save), timed on a few pages and
extrapolated to the same page count, to show what the bulk tree builder saves.
"""

from __future__ import annotations

import time

from benchmarks.harness import measure_row, unavailable_row
from benchmarks.support import missing, table_missing

GOAL_S = 60.0
BASE_PAGES = 8  # home, about, news, contact and ~4 products before extra pages


def add_child_seconds_per_page(samples: int = 15) -> float:
    from wagtail.models import Page

    from microsites.models import ContentPage, MicrositeHomePage

    root = Page.get_first_root_node()
    parent = root.add_child(
        instance=MicrositeHomePage(title="Banc add_child", slug="banc-add-child")
    )
    started = time.perf_counter()
    for number in range(samples):
        parent.add_child(
            instance=ContentPage(
                title=f"Guide pratique n° {number}",
                slug=f"guide-{number}",
                intro="Conseils pour bien choisir.",
                body=[{"type": "paragraph", "value": "<p>Texte.</p>"}],
            )
        )
    elapsed = (time.perf_counter() - started) / samples
    parent.delete()
    return elapsed


def run(ctx) -> list[dict]:
    reason = missing("microsites.seeding:seed_microsites", "wiki.models:ProductFact")
    if not reason:
        from microsites.models import ProductPage

        reason = table_missing(ProductPage)
    if reason:
        return [unavailable_row("seeding microsites", reason, f"< {GOAL_S:g} s")]
    from wagtail.models import Page, Site

    from benchmarks import site_data

    sites = ctx.size(5, 80)
    pages_per_site = ctx.size(10, 50)
    site_data.ensure_facts()
    sites_before, pages_before = Site.objects.count(), Page.objects.count()
    started = time.perf_counter()
    site_data.seed_sites(sites, max(0, pages_per_site - BASE_PAGES))
    elapsed = time.perf_counter() - started
    created_sites = Site.objects.count() - sites_before
    created_pages = Page.objects.count() - pages_before
    per_page = add_child_seconds_per_page()
    extrapolated = per_page * created_pages
    return [
        measure_row(
            f"seed {created_sites} microsites, {created_pages:,} pages",
            value={
                "seconds": round(elapsed, 2),
                "pages_per_s": round(created_pages / elapsed),
            },
            baseline={
                "seconds": round(extrapolated, 2),
                "add_child_ms": round(per_page * 1000, 1),
            },
            value_text=f"{elapsed:.1f} s",
            baseline_text=f"~{extrapolated:.0f} s",
            ratio_value=round(elapsed / extrapolated, 3) if extrapolated else None,
            goal=f"< {GOAL_S:g} s",
            ok=elapsed < GOAL_S and created_sites == sites,
            sites=created_sites,
            pages=created_pages,
            note=f"{created_pages / elapsed:,.0f} pages/s; baseline = add_child "
            f"{per_page * 1000:.1f} ms/page × {created_pages:,} pages (extrapolated)",
        )
    ]
