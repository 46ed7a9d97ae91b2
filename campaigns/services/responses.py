"""What recipients do back: clicks (signed redirects) and unsubscribes. Each
lands on the person's lead as an activity, so the war room sees the wave."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log
from prospecting.models import Lead
from prospecting.services import activity_log

from .. import audiences
from ..models import Click, Recipient, Suppression


def lead_of(recipient: Recipient) -> Lead | None:
    """The lead a recipient's answers are logged on, remembered once found."""
    if recipient.lead_id:
        return recipient.lead
    if recipient.contact_id is None:
        return None
    filters = (
        recipient.campaign.audience.filters if recipient.campaign.audience_id else {}
    )
    lead = audiences.lead_for_contact(recipient.contact, filters)
    lead = lead or audiences.lead_for_contact(recipient.contact, {})
    if lead is not None:
        Recipient.objects.filter(pk=recipient.pk).update(lead=lead)
        recipient.lead = lead
    return lead


def campaign_tag(campaign) -> dict:
    """The contract with prospecting.attribution: a lead this names is a
    campaign's (channel "campaign", its key and name in the dashboard)."""
    return {"key": campaign.slug, "name": campaign.name}


@transaction.atomic
def click_record(*, token: str, url: str) -> Recipient | None:
    recipient = (
        Recipient.objects.select_related("campaign__audience", "contact", "lead")
        .filter(token=token)
        .first()
    )
    if recipient is None:
        return None
    now = timezone.now()
    Click.objects.create(recipient=recipient, url=url[:500], at=now)
    first = recipient.clicked_at is None
    if first:
        Recipient.objects.filter(pk=recipient.pk).update(clicked_at=now)
        lead = lead_of(recipient)
        if lead is not None:
            activity_log(
                lead=lead,
                kind="note",
                by=None,
                body=_("Clicked “%(url)s” in the campaign “%(campaign)s”.")
                % {"url": url, "campaign": recipient.campaign.name},
                data={"campaign": campaign_tag(recipient.campaign), "event": "click"},
            )
    return recipient


@transaction.atomic
def unsubscribe(*, token: str, how: str = "link") -> Recipient | None:
    """One click, no login: the address is suppressed for every campaign."""
    recipient = Recipient.objects.select_related("campaign").filter(token=token).first()
    if recipient is None:
        return None
    Suppression.objects.get_or_create(
        email=recipient.email.lower(),
        defaults={
            "reason": Suppression.Reason.UNSUBSCRIBED,
            "detail": how,
            "campaign": recipient.campaign,
        },
    )
    if recipient.unsubscribed_at is None:
        Recipient.objects.filter(pk=recipient.pk).update(unsubscribed_at=timezone.now())
        audit_log(
            actor=None,
            action="campaigns.unsubscribe",
            target=recipient.campaign,
            changes={"email": recipient.email, "how": how},
        )
    return recipient
