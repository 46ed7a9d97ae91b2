"""Microsite data for the benchmarks, made with the microsites app's own seed step
(the code being measured) plus the few product facts its product pages embed."""

from __future__ import annotations

import io

FACTS = [
    ("BENCH-PR-1", "Panneau rigide 2D 8/6/8", "Fil 8 mm, maille 200 × 50."),
    ("BENCH-PT-1", "Poteau à encoches 60 × 40", "Acier galvanisé, thermolaqué."),
    ("BENCH-GA-1", "Gabion 100 × 50 × 30", "Fil 4,5 mm, maille 100 × 50."),
]


def ensure_facts() -> int:
    from wiki.models import ProductFact

    for reference, name, summary in FACTS:
        if not ProductFact.objects.filter(reference=reference).exists():
            fact = ProductFact(
                reference=reference,
                name=name,
                summary=summary,
                specs=[("spec", {"label": "Hauteur", "value": "1,73", "unit": "m"})],
            )
            fact.full_clean()
            fact.save()
    return ProductFact.objects.count()


def seed_sites(count: int, extra_pages: int) -> None:
    from microsites.seeding import seed_microsites

    seed_microsites(stdout=io.StringIO(), count=count, extra_pages=extra_pages)


def a_product_page():
    """(hostname, path) of a live product page of a seeded microsite."""
    from microsites.models import ProductPage

    page = ProductPage.objects.live().order_by("path").first()
    if page is None:
        ensure_facts()
        seed_sites(1, 0)
        page = ProductPage.objects.live().order_by("path").first()
    site = page.get_site()
    return site.hostname, page.relative_url(site)
