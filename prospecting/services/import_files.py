"""Retention of uploaded import files (prospects' personal data).

A finished import needs its file no more: the job row keeps the counts and the
row report. `import_files_purge` deletes old files and empties the field; run it
daily (`manage.py purge_import_files --days 90`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from hub.services import audit_log

from ..models import ImportJob

FINISHED = (ImportJob.Status.DONE, ImportJob.Status.FAILED)


def import_files_purge(*, older_than: timedelta, now=None) -> int:
    """Delete the files of finished imports created before `now - older_than`;
    returns how many. Idempotent: a file already gone is not an error."""
    if older_than < timedelta(0):
        raise ValueError("older_than must not be negative")
    cutoff = (now or timezone.now()) - older_than
    jobs = (
        ImportJob.objects.filter(status__in=FINISHED, created_at__lt=cutoff)
        .exclude(file="")
        .order_by("pk")
    )
    purged = 0
    for job in jobs.iterator(chunk_size=200):
        with transaction.atomic():
            name = job.file.name
            # File first: if the row update failed, the next run deletes
            # nothing more and empties the field (delete ignores a missing file).
            job.file.delete(save=False)
            job.save(update_fields=["file"])
            audit_log(
                actor=None,
                action="import.file_purge",
                target=job,
                changes={"file": name, "created_at": job.created_at.isoformat()},
            )
        purged += 1
    return purged
