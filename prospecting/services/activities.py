from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import events, search
from ..models import Activity, Lead
from . import notices, routing

# Kinds a person logs by hand; "stage" and "merge" are written by the services.
LOGGABLE_KINDS = (
    "call",
    "email",
    "visit",
    "quote",
    "note",
    "video_call",
    "web_form",
)


@transaction.atomic
def activity_log(
    *,
    lead: Lead,
    kind: str,
    by,
    body: str = "",
    duration_minutes: int | None = None,
    occurred_at=None,
    data: dict | None = None,
    quiet: bool = False,
) -> Activity:
    if kind not in LOGGABLE_KINDS:
        raise ValidationError(
            {"kind": [_("Unknown activity kind “%(value)s”.") % {"value": kind}]}
        )
    activity = Activity(
        lead=lead,
        kind=kind,
        author=by if getattr(by, "pk", None) else None,
        body=str(body or "")[:10_000],
        duration_minutes=duration_minutes,
        occurred_at=occurred_at or timezone.now(),
        data=data or {},
    )
    activity.full_clean()
    activity.save()
    _touch(lead, activity.occurred_at)
    if activity.author_id:  # a person reached the customer: the promise is kept
        routing.first_contact_record(lead=lead, kind=kind, when=activity.occurred_at)
    audit_log(
        actor=by,
        action="activity.create",
        target=lead,
        changes={"kind": kind, "activity_id": activity.pk},
    )
    if activity.author_id and activity.body:
        notices.activity_mentions_notify(lead=lead, text=activity.body, by=by)
    if not quiet:
        events.lead_event(lead, "updated")
        search.index_on_commit(lead.pk)  # activities are searchable text
    return activity


def _touch(lead: Lead, when) -> None:
    if lead.last_activity_at is None or when > lead.last_activity_at:
        lead.last_activity_at = when
        # updated_at too: the card changes (order, stale badge), and boards that
        # were offline look for changes by updated_at (selectors.board_changes).
        lead.updated_at = timezone.now()
        Lead.objects.filter(pk=lead.pk).update(
            last_activity_at=when, updated_at=lead.updated_at
        )
