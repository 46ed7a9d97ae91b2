"""Product facts for public pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import ProductFact


def product_fact_public_data(fact: ProductFact | None) -> dict:
    """The fields of a product fact that may appear on a public page.

    Internal notes, cost and supplier are deliberately absent: microsites render
    only this dict (see wiki/blocks/product_fact_public.html).
    """
    if fact is None:
        return {}
    image = fact.image
    return {
        "name": fact.name,
        "reference": fact.reference,
        "summary": fact.summary,
        "specs": fact.spec_rows(),
        "image": image,
        "updated_at": fact.updated_at,
    }
