"""The hub's background tasks: notification mail, the digest, the daily run."""

from __future__ import annotations

import smtplib

from django.utils.translation import gettext_lazy as _

from .background import background_task, progress, retry_later

# What a mail server being away looks like: worth another attempt later.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)


@background_task(label=_("Notification e-mails"))
def notification_mail_send(context, notification_ids: list[int]) -> dict:
    """Mail notifications whose users asked for them immediately."""
    from .services import notifications_mail_now

    try:
        sent = notifications_mail_now(notification_ids=notification_ids)
    except TRANSIENT_MAIL_ERRORS as error:
        retry_later(context, error)
        raise
    return {"sent": sent}


@background_task(label=_("Daily notification digest"))
def notification_digest(context) -> dict:
    """Mail each user the digest of the notifications they read that way."""
    from .services import notification_digest_send

    result = notification_digest_send()
    return {"digests": result.users, "notifications": result.notifications}


@background_task(label=_("Forget old task results"))
def task_results_prune(context) -> dict:
    """Forget finished task results after 30 days (failures after 90)."""
    from .scheduler import task_results_prune as prune

    return {"deleted": prune()}


@background_task(label=_("Daily jobs"))
def daily_jobs_run(context) -> dict:
    """Every registered daily job, in order, each isolated."""
    from .scheduler import DailyJobsFailed, run_daily_jobs

    report = run_daily_jobs(
        on_step=lambda done, total, name: progress(context, done, total, name)
    )
    if report.failed:
        raise DailyJobsFailed(report)
    return report.summaries
