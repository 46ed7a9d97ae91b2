"""The queue's background jobs: the 15-minute sweep and the daily review."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.background import background_task


@background_task(label=_("Demand queue: collect what people could not find"))
def demand_collect(context) -> dict:
    from .collect import demand_collect as collect

    return collect()


@background_task(label=_("Demand queue: close what articles now answer"))
def demand_review(context) -> dict:
    """Re-ask every open question; close those an article now answers."""
    from .review import demand_review as review

    return review()
