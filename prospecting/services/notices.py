"""Who the war room tells, and when: web requests, assignments, @mentions.

Each function is called by the write it is about, inside its transaction;
`hub.services.notify` rings bells after the commit and mails through a task.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from hub import roles
from hub.services import mentions_notify, notify

from ..models import Lead


def _managers():
    return get_user_model().objects.filter(groups__name=roles.MANAGERS, is_active=True)


def web_request_notify(*, lead: Lead, created: bool) -> None:
    """A quote or question from a website: its owner must call back (routing
    gave it one). Should nobody own it (no team, no manager), the managers are
    told, so the promise on the site has someone behind it."""
    recipients = [lead.owner] if lead.owner_id else list(_managers())
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("New web request:") if created else _("New web request on the lead")
    notify(
        users=recipients,
        kind="lead.web",
        verb=verb,
        target_label=lead.company.name,
        target_url=lead.get_absolute_url(),
    )


def lead_assigned_notify(*, lead: Lead, by) -> None:
    if not lead.owner_id:
        return
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("assigned you the lead")
    notify(
        users=[lead.owner],
        kind="lead.assigned",
        verb=verb,
        target_label=lead.company.name,
        target_url=lead.get_absolute_url(),
        actor=by,
    )


def activity_mentions_notify(*, lead: Lead, text: str, by) -> None:
    from ..selectors import lead_can_comment

    with translation.override(settings.LANGUAGE_CODE):
        where = _("a note on")
    mentions_notify(
        text=text,
        actor=by,
        target_label=lead.company.name,
        target_url=lead.get_absolute_url(),
        can_see=lambda user: lead_can_comment(user, lead),
        where=where,
    )
