"""Changes to an existing lead: edit, move, win, soft delete, restore (merging:
`services.merging`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import events, search
from ..models import Activity, Deal, Lead, PipelineStage, StageChange
from . import notices

EDITABLE_FIELDS = (
    "owner",
    "estimated_value",
    "probability",
    "next_action",
    "next_action_due",
    "lost_reason",
    "note",
)


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "pk"):
        return value.pk
    return str(value)


@transaction.atomic
def lead_update(*, lead: Lead, by, **fields) -> Lead:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    changes = {}
    for name, value in fields.items():
        old = getattr(lead, name)
        if old != value:
            changes[name] = [_jsonable(old), _jsonable(value)]
            setattr(lead, name, value)
    if not changes:
        return lead
    lead.updated_at = timezone.now()
    lead.full_clean()
    lead.save()
    audit_log(actor=by, action="lead.update", target=lead, changes=changes)
    if "owner" in changes:
        notices.lead_assigned_notify(lead=lead, by=by)
    events.lead_event(lead, "updated")
    search.index_on_commit(lead.pk)
    return lead


@transaction.atomic
def lead_move_stage(
    *,
    lead: Lead,
    stage: PipelineStage,
    by,
    won_amount: Decimal | None = None,
    lost_reason: str = "",
    at=None,
) -> Lead:
    """Move to `stage`; entering a won stage records the deal, leaving it removes it."""
    if lead.stage_id == stage.pk:
        return lead
    when = at or timezone.now()
    previous = lead.stage
    StageChange.objects.create(
        lead=lead,
        from_stage=previous,
        to_stage=stage,
        by=by if getattr(by, "pk", None) else None,
        at=when,
    )
    lead.stage = stage
    lead.stage_changed_at = when
    lead.updated_at = when
    if stage.kind == PipelineStage.Kind.LOST and lost_reason:
        lead.lost_reason = lost_reason[:200]
    lead.full_clean()
    lead.save()
    _sync_deal(lead, stage, by, won_amount, when)
    Activity.objects.create(
        lead=lead,
        kind=Activity.Kind.STAGE,
        author=by if getattr(by, "pk", None) else None,
        body=f"{previous.label} → {stage.label}",
        occurred_at=when,
        data={"from": previous.key, "to": stage.key},
    )
    audit_log(
        actor=by,
        action="lead.move",
        target=lead,
        changes={"stage": [previous.key, stage.key]},
    )
    events.lead_event(lead, "moved", from_stage_id=previous.pk)
    search.index_on_commit(lead.pk)
    return lead


def _sync_deal(lead, stage, by, won_amount, when):
    if stage.kind == PipelineStage.Kind.WON:
        amount = won_amount if won_amount is not None else lead.estimated_value
        deal, _created = Deal.objects.update_or_create(
            lead=lead,
            defaults={
                "amount": amount,
                "won_at": when,
                "by": by if getattr(by, "pk", None) else None,
            },
        )
        deal.full_clean()
    else:
        Deal.objects.filter(lead=lead).delete()


@transaction.atomic
def lead_soft_delete(*, lead: Lead, by) -> Lead:
    if lead.deleted_at is None:
        lead.deleted_at = lead.updated_at = timezone.now()
        # updated_at: boards that were offline learn of it (selectors.board_changes)
        lead.save(update_fields=["deleted_at", "updated_at"])
        audit_log(actor=by, action="lead.delete", target=lead)
        events.lead_event(lead, "removed")
        search.index_on_commit(lead.pk)
    return lead


@transaction.atomic
def lead_restore(*, lead: Lead, by) -> Lead:
    if lead.deleted_at is not None:
        lead.deleted_at = None
        lead.updated_at = timezone.now()
        lead.save(update_fields=["deleted_at", "updated_at"])
        audit_log(actor=by, action="lead.restore", target=lead)
        events.lead_event(lead, "created")
        search.index_on_commit(lead.pk)
    return lead
