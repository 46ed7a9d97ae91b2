"""Merging two leads a person decided are one customer, field by field, and
undoing it within 30 days.

The merge records everything it changes (`LeadMerge.snapshot`): both leads' and
companies' values before, the ids of the activities, stage changes, contacts and
deal it moved. Undo puts each back where it was, so a wrong merge costs nothing.
A possible-duplicate flag between the two is closed as merged (reopened by undo).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import events, search
from ..attribution import stamp as stamp_attribution
from ..models import (
    Activity,
    Contact,
    Deal,
    DuplicateFlag,
    Lead,
    LeadMerge,
    StageChange,
)

UNDO_WINDOW = timedelta(days=30)
# What a person can choose from either lead when merging.
LEAD_FIELDS = (
    "owner",
    "contact",
    "estimated_value",
    "probability",
    "next_action",
    "next_action_due",
    "source",
    "source_url",
    "attribution",
)
COMPANY_FIELDS = (
    "name",
    "website",
    "domain",
    "siren",
    "siret",
    "sector",
    "region",
    "address",
    "city",
    "postal_code",
)
# Snapshotted (restored by undo) but not offered: derived or combined values.
LEAD_RESTORED = (*LEAD_FIELDS, "note", "last_activity_at", "created_at", "updated_at")


def _value(obj, name):
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is not None and not isinstance(value, bool | int | float | str | dict):
        return str(value)
    return value


def _load(obj, name, value):
    field = obj._meta.get_field(name)
    setattr(obj, field.attname, field.to_python(value) if value is not None else None)


def default_choices(keep: Lead, merged: Lead) -> dict[str, str]:
    """What a merge does without choices: keep's values, the other's where keep
    has none (a blank never wins over something typed)."""
    choices = {}
    for name in LEAD_FIELDS:
        empty = getattr(keep, name) in (None, "", {}, 0)
        choices[name] = "merged" if empty and getattr(merged, name) else "keep"
    for name in COMPANY_FIELDS:
        empty = not getattr(keep.company, name)
        choices[f"company.{name}"] = (
            "merged" if empty and getattr(merged.company, name) else "keep"
        )
    return choices


@transaction.atomic
def lead_merge(*, keep: Lead, merged: Lead, by, choices: dict | None = None) -> Lead:
    """Fold `merged` into `keep`; `choices` says, per field ("owner",
    "company.siren"…), which lead's value stays ("keep" or "merged")."""
    keep = Lead.objects.select_for_update().select_related("company").get(pk=keep.pk)
    merged = (
        Lead.objects.select_for_update().select_related("company").get(pk=merged.pk)
    )
    _check(keep, merged)
    chosen = {**default_choices(keep, merged), **(choices or {})}
    unknown = set(chosen) - {*LEAD_FIELDS, *(f"company.{n}" for n in COMPANY_FIELDS)}
    if unknown or set(chosen.values()) - {"keep", "merged"}:
        raise ValidationError(_("Choose, for each field, one of the two leads."))
    snapshot = _snapshot(keep, merged)
    _move_rows(keep, merged, snapshot)
    _apply_choices(keep, merged, chosen)
    now = timezone.now()
    merged.merged_into = keep
    merged.updated_at = now
    merged.save(update_fields=["merged_into", "updated_at"])
    record = LeadMerge.objects.create(
        keep=keep, merged=merged, snapshot=snapshot, by=_person(by)
    )
    activity = Activity.objects.create(
        lead=keep,
        kind=Activity.Kind.MERGE,
        author=_person(by),
        body=_("Merged lead #%(id)s (%(name)s)")
        % {"id": merged.pk, "name": merged.company.name},
        data={"merged_id": merged.pk, "merge_id": record.pk},
    )
    record.snapshot["merge_activity"] = activity.pk
    record.save(update_fields=["snapshot"])
    DuplicateFlag.objects.filter(
        lead__in=(keep, merged), other__in=(keep, merged)
    ).update(status=DuplicateFlag.Status.MERGED, decided_by=_person(by), decided_at=now)
    audit_log(
        actor=by,
        action="lead.merge",
        target=keep,
        changes={"merged": merged.pk, "choices": chosen, "merge": record.pk},
    )
    _announce(removed=merged, updated=keep)
    return keep


def _person(by):
    return by if getattr(by, "pk", None) else None


def _check(keep: Lead, merged: Lead) -> None:
    if keep.pk == merged.pk:
        raise ValidationError(_("A lead cannot be merged into itself."))
    if merged.merged_into_id or keep.merged_into_id:
        raise ValidationError(_("This lead was already merged."))


def _snapshot(keep: Lead, merged: Lead) -> dict:
    return {
        "keep": {name: _value(keep, name) for name in LEAD_RESTORED},
        "keep_company": {name: _value(keep.company, name) for name in COMPANY_FIELDS},
        "activities": list(merged.activities.values_list("pk", flat=True)),
        "stage_changes": list(merged.stage_changes.values_list("pk", flat=True)),
        "contacts": list(merged.company.contacts.values_list("pk", flat=True))
        if merged.company_id != keep.company_id
        else [],
        "merged_company": merged.company_id,
        "deal": Deal.objects.filter(lead=merged).values_list("pk", flat=True).first()
        if not Deal.objects.filter(lead=keep).exists()
        else None,
    }


def _move_rows(keep: Lead, merged: Lead, snapshot: dict) -> None:
    Activity.objects.filter(pk__in=snapshot["activities"]).update(lead=keep)
    StageChange.objects.filter(pk__in=snapshot["stage_changes"]).update(lead=keep)
    Contact.objects.filter(pk__in=snapshot["contacts"]).update(company=keep.company)
    if snapshot["deal"]:
        Deal.objects.filter(pk=snapshot["deal"]).update(lead=keep)


def _apply_choices(keep: Lead, merged: Lead, chosen: dict) -> None:
    for name in LEAD_FIELDS:
        if chosen[name] == "merged":
            setattr(keep, name, getattr(merged, name))
    company_changed = False
    for name in COMPANY_FIELDS:
        if chosen[f"company.{name}"] == "merged":
            setattr(keep.company, name, getattr(merged.company, name))
            company_changed = True
    if company_changed:
        from .. import normalize

        keep.company.name_key = normalize.name_key(keep.company.name)
        keep.company.full_clean()
        keep.company.save()
    if merged.note and merged.note not in keep.note:
        keep.note = "\n\n".join(n for n in (keep.note, merged.note) if n)
    keep.last_activity_at = max(keep.last_activity_at, merged.last_activity_at)
    keep.created_at = min(keep.created_at, merged.created_at)
    keep.updated_at = timezone.now()
    stamp_attribution(keep)  # the source or attribution may have come over
    keep.full_clean()
    keep.save()


def lead_merge_can_undo(merge: LeadMerge, *, now=None) -> bool:
    now = now or timezone.now()
    return merge.undone_at is None and now - merge.at <= UNDO_WINDOW


@transaction.atomic
def lead_merge_undo(*, merge: LeadMerge, by) -> Lead:
    """Put both leads back as they were before the merge (within 30 days)."""
    merge = LeadMerge.objects.select_for_update().get(pk=merge.pk)
    if not lead_merge_can_undo(merge):
        raise ValidationError(
            _("This merge can no longer be undone (undone already, or over 30 days).")
        )
    keep = (
        Lead.objects.select_for_update().select_related("company").get(pk=merge.keep_id)
    )
    merged = Lead.objects.select_for_update().get(pk=merge.merged_id)
    if keep.merged_into_id:
        raise ValidationError(
            _("Lead #%(id)s was merged into another since: undo that first.")
            % {"id": keep.pk}
        )
    snap = merge.snapshot
    Activity.objects.filter(pk__in=snap["activities"]).update(lead=merged)
    StageChange.objects.filter(pk__in=snap["stage_changes"]).update(lead=merged)
    Contact.objects.filter(pk__in=snap["contacts"]).update(
        company_id=snap["merged_company"]
    )
    if snap["deal"]:
        Deal.objects.filter(pk=snap["deal"]).update(lead=merged)
    Activity.objects.filter(pk=snap.get("merge_activity")).delete()
    for name, value in snap["keep"].items():
        _load(keep, name, value)
    for name, value in snap["keep_company"].items():
        _load(keep.company, name, value)
    from .. import normalize

    keep.company.name_key = normalize.name_key(keep.company.name)
    keep.company.save()
    now = timezone.now()
    keep.updated_at = now
    stamp_attribution(keep)
    keep.save()
    merged.merged_into = None
    merged.updated_at = now
    merged.save(update_fields=["merged_into", "updated_at"])
    merge.undone_at, merge.undone_by = now, _person(by)
    merge.save(update_fields=["undone_at", "undone_by"])
    DuplicateFlag.objects.filter(
        lead__in=(keep, merged),
        other__in=(keep, merged),
        status=DuplicateFlag.Status.MERGED,
    ).update(status=DuplicateFlag.Status.OPEN, decided_by=None, decided_at=None)
    audit_log(
        actor=by,
        action="lead.merge_undo",
        target=keep,
        changes={"merged": merged.pk, "merge": merge.pk},
    )
    _announce(updated=keep, created=merged)
    return merged


def _announce(*, updated: Lead, removed: Lead | None = None, created=None) -> None:
    if removed is not None:
        events.lead_event(removed, "removed")
        search.index_on_commit(removed.pk)
    if created is not None:
        events.lead_event(created, "created")
        search.index_on_commit(created.pk)
    events.lead_event(updated, "updated")
    search.index_on_commit(updated.pk)


@transaction.atomic
def duplicate_dismiss(*, flag: DuplicateFlag, by) -> DuplicateFlag:
    """A person says the two leads are different customers: the flag closes."""
    flag.status = DuplicateFlag.Status.DISMISSED
    flag.decided_by, flag.decided_at = _person(by), timezone.now()
    flag.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(
        actor=by,
        action="lead.duplicate_dismiss",
        target=flag.lead,
        changes={"other": flag.other_id},
    )
    return flag
