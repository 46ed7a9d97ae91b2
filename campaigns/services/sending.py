"""Compose and send. The send is a ledger: `recipients_prepare` writes one row
per mailable address (unique per campaign), then background tasks claim rows
one at a time (QUEUED → SENDING → SENT) at the campaign's pace. A worker killed
mid-send leaves at most one row SENDING: a resumed send marks it UNCERTAIN and
goes on with the queued ones, so nobody is mailed twice."""

from __future__ import annotations

import smtplib
import time
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import audiences, mail
from ..models import Audience, Campaign, Recipient, Suppression, new_token

BATCH = 50
# A send that gave no sign of life for this long is taken over by the next run.
STALLED_AFTER = timedelta(minutes=3)
HEARTBEAT_EVERY = 30  # seconds


def _check_sendable(campaign: Campaign) -> None:
    errors = {}
    if not campaign.audience_id:
        errors["audience"] = [_("Choose who receives this campaign.")]
    if not campaign.subject.strip():
        errors["subject"] = [_("Write a subject.")]
    if not len(campaign.body):
        errors["body"] = [_("The e-mail is empty: write its content first.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def audience_save(*, name: str, filters: dict, by, audience: Audience | None = None):
    unknown = set(filters) - set(audiences.FILTER_KEYS)
    if unknown:
        raise ValidationError(
            _("Unknown filters: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    audience = audience or Audience(created_by=by)
    audience.name, audience.filters = name.strip(), filters
    audience.full_clean()
    audience.save()
    audit_log(actor=by, action="campaigns.audience", target=audience, changes=filters)
    return audience


def recipients_prepare(*, campaign: Campaign) -> int:
    """Write the ledger: one row per mailable address not already in it (a
    second call adds only people who joined the audience since)."""
    known = set(campaign.recipients.values_list("email", flat=True))
    rows, seen = [], set(known)
    contacts = audiences.mailable_contacts(campaign.audience.filters)
    for contact in contacts.iterator(chunk_size=2000):
        email = contact.email.strip().lower()
        if email in seen:
            continue
        seen.add(email)
        rows.append(
            Recipient(
                campaign=campaign,
                email=email,
                # The lead is found when the person answers (responses.py):
                # looking it up for 10,000 rows here would only slow the start.
                contact=contact,
                first_name=contact.first_name,
                last_name=contact.last_name,
                company_name=contact.company.name,
                city=contact.company.city,
            )
        )
    Recipient.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def campaign_send_start(*, campaign: Campaign, by) -> int:
    """Freeze the audience into the ledger and hand the send to the worker."""
    from ..tasks import campaign_send

    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _check_sendable(campaign)
    if campaign.status == Campaign.Status.SENT:
        raise ValidationError(_("This campaign has been sent already."))
    added = recipients_prepare(campaign=campaign)
    campaign.status = Campaign.Status.SENDING
    campaign.started_at = campaign.started_at or timezone.now()
    campaign.heartbeat_at = timezone.now()
    campaign.save(update_fields=["status", "started_at", "heartbeat_at"])
    audit_log(
        actor=by,
        action="campaigns.send",
        target=campaign,
        changes={"recipients": campaign.recipients.count()},
    )
    from hub.background import enqueue

    enqueue(campaign_send, campaign.pk)
    return added


@transaction.atomic
def campaign_pause(*, campaign: Campaign, by) -> Campaign:
    updated = Campaign.objects.filter(
        pk=campaign.pk, status=Campaign.Status.SENDING
    ).update(status=Campaign.Status.PAUSED)
    if updated:
        audit_log(actor=by, action="campaigns.pause", target=campaign)
    campaign.refresh_from_db()
    return campaign


def campaign_test_send(*, campaign: Campaign, to: str, by) -> None:
    """The mail as recipients will get it, to one address, outside the ledger."""
    from django.core.validators import validate_email

    validate_email(to)
    shell = mail.shell_of(campaign)
    sample = Recipient(
        campaign=campaign,
        email=to,
        first_name=getattr(by, "first_name", ""),
        last_name=getattr(by, "last_name", ""),
        company_name=shell.brand.name,
        token="test-" + new_token()[:20],
    )
    message, _id = mail.build_message(campaign, sample, shell=shell)
    message.subject = "[TEST] " + message.subject
    message.send()
    audit_log(
        actor=by, action="campaigns.test_send", target=campaign, changes={"to": to}
    )


def _claim(recipient_id: int) -> bool:
    return bool(
        Recipient.objects.filter(
            pk=recipient_id, status=Recipient.Status.QUEUED
        ).update(status=Recipient.Status.SENDING)
    )


def _mark(recipient: Recipient, status: str, **fields) -> None:
    Recipient.objects.filter(pk=recipient.pk).update(status=status, **fields)


def _send_one(campaign, recipient, *, shell, connection) -> tuple:
    """Hand one mail to the server; returns the (status, fields) to record."""
    message, message_id = mail.build_message(
        campaign, recipient, shell=shell, connection=connection
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        return Recipient.Status.FAILED, {"error": str(error)[:300]}
    except (smtplib.SMTPException, OSError):
        # Not handed over: it goes back in the queue for the retry.
        _mark(recipient, Recipient.Status.QUEUED)
        raise
    return Recipient.Status.SENT, {"message_id": message_id, "sent_at": timezone.now()}


def _record_then_claim(done, recipient) -> bool:
    """Record the previous mail's outcome and claim the next row in one commit
    (one disk sync per mail on SQLite instead of two)."""
    with transaction.atomic():
        if done is not None:
            _mark(done[0], done[1], **done[2])
        return recipient is not None and _claim(recipient.pk)


def send_batch(*, campaign_id: int, limit: int = BATCH, sleep=time.sleep) -> int:
    """Send up to `limit` queued mails at the campaign's pace; how many left.
    Returns -1 when the campaign is no longer sending (paused, finished)."""
    campaign = Campaign.objects.select_related("site", "audience").get(pk=campaign_id)
    if campaign.status != Campaign.Status.SENDING:
        return -1
    shell = mail.shell_of(campaign)
    interval = 60.0 / max(campaign.per_minute, 1)
    queued = campaign.recipients.filter(status=Recipient.Status.QUEUED).order_by("pk")
    batch = list(queued[:limit])
    suppressed = set(
        Suppression.objects.filter(email__in=[r.email for r in batch]).values_list(
            "email", flat=True
        )
    )
    done, beat = None, time.monotonic()
    connection = get_connection()
    with connection:
        for recipient in batch:
            started = time.monotonic()
            claimed = _record_then_claim(done, recipient)
            done = None
            if not claimed:
                continue  # another worker took it
            if recipient.email in suppressed:
                done = (recipient, Recipient.Status.SKIPPED, {})
                continue
            status, fields = _send_one(
                campaign,
                recipient,
                shell=shell,
                connection=connection,
            )
            done = (recipient, status, fields)
            if time.monotonic() - beat > HEARTBEAT_EVERY:  # a slow pace stays alive
                Campaign.objects.filter(pk=campaign.pk).update(
                    heartbeat_at=timezone.now()
                )
                beat = time.monotonic()
            wait = interval - (time.monotonic() - started)
            if wait > 0:
                sleep(wait)
    _record_then_claim(done, None)
    Campaign.objects.filter(pk=campaign.pk).update(heartbeat_at=timezone.now())
    left = campaign.recipients.filter(status=Recipient.Status.QUEUED).count()
    if not left:
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.SENT, finished_at=timezone.now()
        )
    return left


def interrupted_to_uncertain(*, campaign_id: int) -> int:
    """Rows a dead worker left SENDING may have been mailed: never resend them."""
    return Recipient.objects.filter(
        campaign_id=campaign_id, status=Recipient.Status.SENDING
    ).update(status=Recipient.Status.UNCERTAIN)


def sends_resume_stalled(*, now=None) -> list[int]:
    """Periodic job: a sending campaign whose worker went silent is taken over."""
    from hub.background import enqueue

    from ..tasks import campaign_send

    now = now or timezone.now()
    stalled = Campaign.objects.filter(
        status=Campaign.Status.SENDING, heartbeat_at__lt=now - STALLED_AFTER
    )
    resumed = []
    for campaign_id in stalled.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Campaign.objects.filter(
                pk=campaign_id, heartbeat_at__lt=now - STALLED_AFTER
            ).update(heartbeat_at=now)
            if claimed:
                interrupted_to_uncertain(campaign_id=campaign_id)
                enqueue(campaign_send, campaign_id)
                resumed.append(campaign_id)
    return resumed
