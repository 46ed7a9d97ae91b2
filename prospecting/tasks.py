"""The war room's background tasks: imports, the lead index, daily jobs."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from hub.background import background_task, progress


@background_task(label=_("Next-action reminders"))
def next_action_reminders(context) -> dict:
    """Remind owners of the leads whose next action is due."""
    from .services import next_action_reminders_send

    return {"reminders": next_action_reminders_send()}


@background_task(label=_("Delete old import files (90 days)"))
def import_files_purge(context, days: int = 90) -> dict:
    """Delete the uploaded files of imports older than 90 days."""
    from .services import import_files_purge as purge

    return {"files": purge(older_than=timedelta(days=days))}


@background_task(label=_("Lead import"))
def import_run(context, job_id: int) -> dict:
    """Import an uploaded CSV, batch after batch, with progress."""
    from .services.imports import import_job_run

    job = import_job_run(
        job_id=job_id,
        on_batch=lambda done, total: progress(context, done, total),
    )
    return {"status": job.status, "processed": job.processed_rows, **job.counts}


@background_task(label=_("Rebuild the lead index"))
def leads_reindex(context) -> dict:
    """Rebuild the Elasticsearch lead index from the database."""
    from . import search

    indexed = search.leads_reindex(
        on_chunk=lambda done, total: progress(context, done, total)
    )
    return {"indexed": indexed}


@background_task(label=_("Callback promises (warn, escalate)"))
def callbacks_check(context) -> dict:
    """Warn owners before a site's promised callback is due; escalate late ones."""
    from .services.routing import callbacks_check as check

    return check()
