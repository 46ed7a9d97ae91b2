"""What happened to a lead: activities on its timeline, stage changes, the won deal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pipeline import Lead, PipelineStage


class Activity(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Visit")
        QUOTE = "quote", _("Quote")
        NOTE = "note", _("Note")
        VIDEO_CALL = "video_call", _("Video call")
        WEB_FORM = "web_form", _("Web form")
        STAGE = "stage", _("Stage change")
        MERGE = "merge", _("Merge")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("text"), blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.lead_id}"


class StageChange(models.Model):
    """One move of a lead between stages: the source of "time in stage"."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.ForeignKey(
        PipelineStage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_stage = models.ForeignKey(
        PipelineStage, on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.lead_id}: {self.from_stage_id} → {self.to_stage_id}"


class Deal(models.Model):
    """The won revenue of a lead (one per lead)."""

    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="deal")
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    won_at = models.DateTimeField(_("won on"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-won_at"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return f"{self.amount} € · {self.lead_id}"
