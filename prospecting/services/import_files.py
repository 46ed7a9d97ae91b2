"""Retention of uploaded import files (prospects' personal data).

A finished import needs its file no more: the job row keeps the counts and the
row report. An import still waiting for its mapping (or "running") after the
whole retention period was abandoned (or its worker died): it is marked failed,
with a message saying so, and its file goes too — nobody's prospects stay on
disk because a tab was closed. `import_files_purge` deletes old files and
empties the field; run it daily (`manage.py purge_import_files --days 90`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from hub.services import audit_log

from ..models import ImportJob

FINISHED = (ImportJob.Status.DONE, ImportJob.Status.FAILED)


def import_files_purge(*, older_than: timedelta, now=None) -> int:
    """Delete the files of imports created before `now - older_than` (and fail
    the unfinished ones); returns how many. Idempotent: a file already gone is
    not an error."""
    if older_than < timedelta(0):
        raise ValueError("older_than must not be negative")
    cutoff = (now or timezone.now()) - older_than
    jobs = (
        ImportJob.objects.filter(created_at__lt=cutoff).exclude(file="").order_by("pk")
    )
    purged = 0
    for job in jobs.iterator(chunk_size=200):
        with transaction.atomic():
            name = job.file.name
            # File first: if the row update failed, the next run deletes
            # nothing more and empties the field (delete ignores a missing file).
            job.file.delete(save=False)
            abandoned = job.status not in FINISHED
            if abandoned:
                job.status = ImportJob.Status.FAILED
                job.error = gettext(
                    "Abandoned: this import was not finished within %(days)d days, "
                    "so its file was deleted. Upload the file again to import it."
                ) % {"days": older_than.days}
            job.save(update_fields=["file", "status", "error"])
            audit_log(
                actor=None,
                action="import.file_purge",
                target=job,
                changes={
                    "file": name,
                    "created_at": job.created_at.isoformat(),
                    "abandoned": abandoned,
                },
            )
        purged += 1
    return purged
