"""Intake bookkeeping: import jobs, possible duplicates awaiting review and
undoable merges."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .pipeline import Lead


class ImportJob(models.Model):
    """A CSV upload: the file, its column mapping, progress and row report."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("waiting for column mapping")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Private storage (never served, no URL): the file holds prospects' data.
    # Emptied by `purge_import_files` once the import is old; the row stays.
    file = models.FileField(
        upload_to="prospecting/imports/", storage=private_storage, blank=True
    )
    original_name = models.CharField(max_length=255)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.MAPPING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    # The background task running it (empty when tasks run immediately).
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name


class DuplicateFlag(models.Model):
    """A lead that looks like another (weak signals: domain, name, postcode), for a
    person to review: merge them, or say they are different. Never merged
    silently (`prospecting.dedupe`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("to review")
        MERGED = "merged", _("merged")
        DISMISSED = "dismissed", _("different")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    signals = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "other"], name="one_flag_per_pair")
        ]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")

    def __str__(self):
        return f"#{self.lead_id} ~ #{self.other_id}"


class LeadMerge(models.Model):
    """One merge, with what it changed, so it can be undone for 30 days."""

    keep = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    merged = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    # Field values of both leads (and companies) before, the ids of the rows moved.
    snapshot = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"#{self.merged_id} → #{self.keep_id}"
