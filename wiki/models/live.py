"""Live classes: a trainer teaches a course in a video room, at a set time.

The class owns a `video.Room` (created by `video.services.room_create`); the
room's Participant rows — one per socket, with admitted_at/left_at — are the
only evidence of who attended. When the class is over (room ended, or its time
slot past), `live_class_attendance_compute` turns them into minutes present and
credits the hours (wiki.services.live).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from video.models import MESH_CEILING, SFU_MAX_PARTICIPANTS


class LiveClass(models.Model):
    course = models.ForeignKey(
        "wiki.CoursePage",
        on_delete=models.CASCADE,
        related_name="live_classes",
        verbose_name=_("course"),
    )
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="live_classes_taught",
        verbose_name=_("trainer"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        # Trainees; the trainer takes one more seat in the room.
        validators=[
            MinValueValidator(2),
            MaxValueValidator(SFU_MAX_PARTICIPANTS - 1),
        ],
    )
    min_presence_percent = models.PositiveSmallIntegerField(
        _("minimum presence (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Below this share of the class, no hours are credited."),
    )
    room = models.ForeignKey(
        "video.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video room"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    attendance_computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("live class")
        verbose_name_plural = _("live classes")

    def __str__(self):
        return f"#{self.pk} {self.title}"

    def clean(self):
        # A mesh room cannot carry a big class: past its ceiling the class needs
        # the SFU (JANUS_URL), as the video room itself says.
        if (
            self.capacity
            and self.room_size > MESH_CEILING
            and not getattr(settings, "JANUS_URL", "")
        ):
            raise ValidationError(
                {
                    "capacity": _(
                        "More than %(max)d trainees need the video server "
                        "(JANUS_URL); without it a class holds at most %(max)d."
                    )
                    % {"max": MESH_CEILING - 1}
                }
            )

    @property
    def room_size(self) -> int:
        return (self.capacity or 0) + 1  # the trainer

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def min_presence_minutes(self) -> int:
        return -(-self.duration_minutes * self.min_presence_percent // 100)

    @property
    def is_over(self) -> bool:
        ended = self.room is not None and self.room.ended_at is not None
        return ended or self.ends_at <= timezone.now()

    @property
    def evidence(self) -> str:
        return f"live class #{self.pk}"


class LiveClassAttendance(models.Model):
    """Minutes one employee was in the class's room (sockets merged), and
    whether that reached the threshold and was credited as training hours."""

    live_class = models.ForeignKey(
        LiveClass, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="live_class_attendances",
    )
    minutes_present = models.PositiveIntegerField(_("minutes present"))
    minutes_credited = models.PositiveIntegerField(_("minutes credited"), default=0)
    first_join = models.DateTimeField()
    last_leave = models.DateTimeField()
    evidence = models.CharField(_("evidence"), max_length=120)
    computed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["live_class", "user"], name="wiki_attendance_once"
            )
        ]
        verbose_name = _("live class attendance")

    def __str__(self):
        return f"{self.user_id} @ {self.live_class_id}: {self.minutes_present} min"
