"""The browser import's state machine: upload → column mapping → background run.

    MAPPING --(mapping confirmed: task enqueued)--> RUNNING --> DONE
       \\                                             \\--> FAILED (error kept)
        \\--(file gone / abandoned)--> FAILED

The run is a background task (`prospecting.tasks.import_run`): one transaction
per batch, the job's counters committed with the batch's leads, so a worker
killed mid-import loses nothing — a retry resumes after the last committed
batch, and rows already imported are recognised anyway (`Lead.import_key`).
"""

from __future__ import annotations

import itertools
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.background import enqueue
from hub.dbstats import GrowthAnalyzer
from hub.services import audit_log

from .. import imports
from ..models import Activity, Company, Contact, ImportJob, Lead

logger = logging.getLogger(__name__)
ZERO_COUNTS = {"imported": 0, "merged": 0, "skipped": 0}


def import_job_create(*, user, upload) -> ImportJob:
    """Store the uploaded CSV privately and read its shape; ValidationError with
    a message users understand when it is not a readable CSV (file removed)."""
    job = ImportJob(created_by=user, original_name=upload.name[:255])
    # Private storage (prospecting.storage), never served; the random name
    # still keeps one job's file from being mistaken for another's.
    job.file.save(f"import-{secrets.token_urlsafe(24)}.csv", upload, save=False)
    try:
        job.encoding, job.delimiter, job.headers = imports.sniff(job.file.path)
        job.total_rows = imports.count_rows(job.file.path, job.encoding, job.delimiter)
    except (ValidationError, UnicodeDecodeError, ValueError) as error:
        job.file.delete(save=False)
        raise ValidationError(
            getattr(error, "message", None) or _("This file cannot be read as CSV.")
        ) from error
    job.mapping = imports.suggest_mapping(job.headers)
    job.save()
    return job


def import_job_fail_if_file_gone(job: ImportJob) -> None:
    """A job still waiting for its file, whose file is gone (purged, lost, not in
    a restored backup): say so instead of failing on the missing file."""
    if job.status not in (ImportJob.Status.MAPPING, ImportJob.Status.RUNNING):
        return
    if job.file and job.file.storage.exists(job.file.name):
        return
    job.status = ImportJob.Status.FAILED
    job.error = _(
        "The uploaded file is no longer available. Upload it again: rows "
        "already imported are recognised and not imported twice."
    )
    job.save(update_fields=["status", "error"])


@transaction.atomic
def import_job_start(*, job: ImportJob, mapping: dict, by) -> ImportJob:
    """Confirm the mapping and hand the import to the background worker (the
    task row is written with the status change: both or neither)."""
    from ..tasks import import_run

    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.MAPPING:
        raise ValidationError(_("This import has already started."))
    job.mapping = imports.validate_mapping(job.headers, mapping)
    job.status = ImportJob.Status.RUNNING
    job.counts = dict(ZERO_COUNTS)
    result = enqueue(import_run, job.pk)
    job.task_id = str(result.id) if result is not None else ""
    job.save(update_fields=["mapping", "status", "counts", "task_id"])
    audit_log(
        actor=by,
        action="import.start",
        target=job,
        changes={"rows": job.total_rows, "mapping": job.mapping},
    )
    return job


def import_job_run(*, job_id: int, on_batch=None) -> ImportJob:
    """Run (or resume) a job to its end; `on_batch(done, total)` after each."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    _resume_if_retried(job)
    import_job_fail_if_file_gone(job)
    if job.status != ImportJob.Status.RUNNING:
        return job  # done, failed for good, or another run finished it
    rows = imports.iter_rows(job.file.path, job.encoding, job.delimiter)
    rows = itertools.islice(rows, job.processed_rows, None)  # resume
    growth = GrowthAnalyzer(Lead, Company, Contact, Activity)
    try:
        while batch := list(itertools.islice(rows, imports.BATCH_SIZE)):
            job = _run_batch(job, batch)
            growth.wrote(len(batch))  # dedupe lookups stay index lookups
            if on_batch:
                on_batch(job.processed_rows, job.total_rows)
    except Exception as error:
        _fail(job, error)
        raise
    return _finish(job)


def _resume_if_retried(job: ImportJob) -> None:
    """A retried task of an import that failed mid-way (its file still there)
    picks up after the last committed batch."""
    if job.status != ImportJob.Status.FAILED or not job.file:
        return
    if not job.file.storage.exists(job.file.name):
        return
    job.status, job.error = ImportJob.Status.RUNNING, ""
    job.save(update_fields=["status", "error"])


@transaction.atomic
def _run_batch(job: ImportJob, batch) -> ImportJob:
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if locked.processed_rows != job.processed_rows:
        raise RuntimeError("Another run of this import moved on meanwhile.")
    report = imports.ImportReport(counts=dict(locked.counts or ZERO_COUNTS))
    report.processed = locked.processed_rows
    imports.run_batch(
        batch, locked.mapping, by=job.created_by, report=report, import_job_id=job.pk
    )
    room = max(imports.REPORT_LIMIT - len(locked.report), 0)
    added = [
        {"line": r.line, "status": r.status, "reason": r.reason, "lead_id": r.lead_id}
        for r in report.rows[:room]
    ]
    locked.processed_rows = report.processed
    locked.counts = report.counts
    fields = ["processed_rows", "counts"]
    if added:  # a full report is not written again with every batch
        locked.report = locked.report + added
        fields.append("report")
    locked.save(update_fields=fields)
    locked.created_by = job.created_by
    return locked


def _finish(job: ImportJob) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status == ImportJob.Status.RUNNING:
            job.status = ImportJob.Status.DONE
            job.save(update_fields=["status"])
            audit_log(actor=None, action="import.done", target=job, changes=job.counts)
    return job


def _fail(job: ImportJob, error: Exception) -> None:
    logger.exception("Import %s stopped", job.pk)
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
        status=ImportJob.Status.FAILED,
        error=_(
            "The import stopped on an unexpected error after %(done)d rows; the "
            "rows before it are imported. An administrator can retry it from the "
            "tasks page: it resumes where it stopped."
        )
        % {"done": job.processed_rows},
    )


def import_job_status(job: ImportJob) -> dict:
    """What the import page polls: the job's counters and its task's state."""
    return {
        "status": job.status,
        "processed": job.processed_rows,
        "total": job.total_rows,
        "counts": job.counts or ZERO_COUNTS,
        "task": _task_state(job.task_id),
    }


def _task_state(task_id: str) -> str:
    """ "queued" until a worker picks the task up: the page can say it waits."""
    if not task_id:
        return ""
    from django_tasks_db.models import DBTaskResult

    try:
        status = DBTaskResult.objects.filter(pk=task_id).values_list(
            "status", flat=True
        )
        found = status.first() or ""
    except ValidationError:  # not a queued backend's id
        return ""
    return {"READY": "queued", "RUNNING": "running"}.get(found, "")
