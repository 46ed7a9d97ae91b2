"""Carrying the wave: spread a campaign's unanswered requests over the team."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.services import audit_log
from prospecting.services import lead_update

from ..selectors import campaign_unanswered


@transaction.atomic
def surge_rebalance(*, campaign, from_owner, to_owners: list, count: int, by) -> int:
    """Move up to `count` of `from_owner`'s unanswered campaign requests (the
    oldest first) to `to_owners`, in turn; each new owner is notified by the
    war room's assignment. Returns how many moved."""
    to_owners = [
        user for user in to_owners if user.pk != getattr(from_owner, "pk", None)
    ]
    if not to_owners:
        raise ValidationError(_("Choose at least one other person to take requests."))
    if count < 1:
        raise ValidationError(_("Move at least one request."))
    waiting = campaign_unanswered(campaign).select_for_update(of=("self",))
    waiting = (
        waiting.filter(owner=from_owner) if from_owner else waiting.filter(owner=None)
    )
    moved = 0
    for index, lead in enumerate(waiting.order_by("created_at")[:count]):
        lead_update(lead=lead, by=by, owner=to_owners[index % len(to_owners)])
        moved += 1
    audit_log(
        actor=by,
        action="campaigns.rebalance",
        target=campaign,
        changes={
            "from": getattr(from_owner, "username", None),
            "to": [u.username for u in to_owners],
            "moved": moved,
        },
    )
    return moved
