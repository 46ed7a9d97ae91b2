from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SiteImport(models.Model):
    """A CSV of sites to create: its rows (read and checked at upload), then one
    report line per row as the background task creates each site as a draft
    (one transaction per row: a row is created whole or not at all)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    # [{"line": 2, "values": {"name": …, "hostname": …}}, …] (≤ 200 rows)
    rows = models.JSONField(default=list)
    # the file's own header for each field, to name columns as the user did
    headers = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    processed = models.PositiveIntegerField(default=0)
    # [{"line", "name", "status": created|refused, "message", "site_id"}, …]
    report = models.JSONField(default=list)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("microsite import")

    def __str__(self):
        return self.original_name

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def created_count(self) -> int:
        return sum(1 for line in self.report if line["status"] == "created")

    @property
    def refused_count(self) -> int:
        return sum(1 for line in self.report if line["status"] == "refused")
