"""Campaign sends run on the worker, batch after batch, with progress."""

from __future__ import annotations

import smtplib

from django.utils.translation import gettext_lazy as _

from hub.background import background_task, progress, retry_later


@background_task(label=_("Campaign send"))
def campaign_send(context, campaign_id: int) -> dict:
    """Send a campaign's queued mails at its pace; stops when it is paused and
    goes on from the ledger when resumed or retried."""
    from .models import Campaign, Recipient
    from .services import send_batch

    campaign = Campaign.objects.get(pk=campaign_id)
    total = campaign.recipients.count()
    left = total
    try:
        while left > 0:
            left = send_batch(campaign_id=campaign_id)
            if left < 0:
                break
            progress(context, total - left, total, str(campaign))
    except (smtplib.SMTPException, OSError) as error:
        retry_later(context, error)
        raise
    sent = campaign.recipients.filter(status=Recipient.Status.SENT).count()
    return {"sent": sent, "total": total}


@background_task(label=_("Resume interrupted campaign sends"))
def sends_resume(context) -> dict:
    from .services import sends_resume_stalled

    return {"resumed": sends_resume_stalled()}
