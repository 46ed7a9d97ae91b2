"""Video rooms: who may meet where, who is in the room now, and what was said.

Presence lives in the database (Participant rows), not in a worker's memory, so
every Daphne worker sharing the Redis channel layer sees the same room: capacity,
lobby and the participant list are one query away from any of them.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prospecting.storage import private_storage

# A peer that has not pinged for this long is gone (its worker died).
PRESENCE_TIMEOUT = timedelta(seconds=90)
MESH_MAX_PARTICIPANTS = 6
# Above the mesh size a room needs the SFU (Janus, settings.JANUS_URL).
SFU_MAX_PARTICIPANTS = 100
MESH_CEILING = 12  # the most a mesh room may be set to


def new_peer_id() -> str:
    return secrets.token_hex(8)


class Room(models.Model):
    """A meeting place. Team rooms are for employees; customer meetings also take
    invited guests, who wait in a lobby until the host (the owner) admits them."""

    class Kind(models.TextChoices):
        TEAM = "team", _("Team room")
        CUSTOMER = "customer", _("Customer meeting")
        # A trainer in front of trainees (Webschool live classes): on the SFU
        # when one is configured, whatever its size.
        CLASS = "class", _("Live class")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="video_rooms",
        verbose_name=_("host"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.TEAM
    )
    max_participants = models.PositiveSmallIntegerField(
        _("maximum participants"),
        default=MESH_MAX_PARTICIPANTS,
        help_text=_("Every browser sends its video to every other: keep it small."),
    )
    lead = models.ForeignKey(
        "prospecting.Lead",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="video_rooms",
        verbose_name=_("lead"),
    )
    is_personal = models.BooleanField(_("personal room"), default=False)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The participant the host shows big to everyone ("" = nobody).
    spotlight_peer = models.CharField(max_length=32, blank=True, default="")
    # The Janus VideoRoom's pin: handed to a browser only after the hub let it in.
    sfu_pin = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("video room")
        verbose_name_plural = _("video rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(is_personal=True),
                name="video_one_personal_room_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(max_participants__gte=2)
                & models.Q(max_participants__lte=SFU_MAX_PARTICIPANTS),
                name="video_room_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("video:room", kwargs={"slug": self.slug})

    def clean(self):
        # Without an SFU every browser sends its video to every other one.
        if self.max_participants > MESH_CEILING and not settings.JANUS_URL:
            raise ValidationError(
                {
                    "max_participants": _(
                        "More than %(max)d people needs the video server (JANUS_URL)."
                    )
                    % {"max": MESH_CEILING}
                }
            )

    @property
    def group_name(self) -> str:
        return f"video.room.{self.pk}"

    @property
    def is_customer_meeting(self) -> bool:
        return self.kind == self.Kind.CUSTOMER

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def is_class(self) -> bool:
        return self.kind == self.Kind.CLASS


class Invite(models.Model):
    """A signed link handed to a customer. The token itself carries the room and the
    expiry; this row lets the host see and revoke what was sent."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="invites")
    nonce = models.CharField(max_length=32, unique=True, default=new_peer_id)
    guest_label = models.CharField(_("for"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    opened_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.guest_label or self.nonce

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Participant(models.Model):
    """One WebSocket in a room: an employee or an invited guest, in the lobby or in
    the call. `channel_name` addresses it on the channel layer from any worker."""

    class State(models.TextChoices):
        LOBBY = "lobby", _("waiting in the lobby")
        IN_CALL = "in_call", _("in the call")
        LEFT = "left", _("left")
        REFUSED = "refused", _("refused")
        REMOVED = "removed", _("removed")

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="participants"
    )
    peer_id = models.CharField(max_length=32, unique=True, default=new_peer_id)
    channel_name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guest_name = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=16, choices=State.choices)
    media = models.JSONField(default=dict, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    admitted_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(default=timezone.now)
    # When the hand went up: the raised hands are a queue in this order.
    hand_raised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["room", "state"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_state_display()})"

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.guest_name

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class Call(models.Model):
    """A stretch of time with someone in the room: from the first admitted join to
    the last leave. Its duration is what the lead's activity records."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="calls")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    peak_participants = models.PositiveSmallIntegerField(default=1)
    activity_logged = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"{self.room} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta:
        return (self.ended_at or timezone.now()) - self.started_at

    @property
    def duration_minutes(self) -> int:
        """Rounded up: a 20-second call still shows as one minute."""
        seconds = max(self.duration.total_seconds(), 0)
        return max(1, int(-(-seconds // 60)))


class ChatMessage(models.Model):
    """A chat line in a room. Stored as typed; escaped wherever it is shown."""

    MAX_LENGTH = 2000

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="chat_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=120)
    text = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Question(models.Model):
    """A question asked in the room's questions queue; the host marks it answered."""

    MAX_LENGTH = 500

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=120)
    text = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class Recording(models.Model):
    """One speaker of a recorded class (a Janus publisher: picture and sound
    muxed into one WebM), kept for the trainees who missed it. The file lives
    in PRIVATE_MEDIA_ROOT, which no web server serves: a view checks who may
    watch. Made by the background task after the class (video.tasks)."""

    class Status(models.TextChoices):
        PROCESSING = "processing", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="recordings")
    feed = models.BigIntegerField()  # the Janus publisher id (video.services.sfu)
    started_at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speaker = models.CharField(_("speaker"), max_length=120)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PROCESSING
    )
    file = models.FileField(
        storage=private_storage, upload_to="recordings/", blank=True, max_length=255
    )
    duration_seconds = models.PositiveIntegerField(default=0)
    size_bytes = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "feed", "started_at"], name="video_recording_unique"
            )
        ]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def __str__(self) -> str:
        return f"{self.room.slug} · {self.speaker}"

    def get_absolute_url(self) -> str:
        return reverse("video:recording", args=[self.pk])

    @property
    def duration_display(self) -> str:
        """12:05, or 1:02:05 past an hour."""
        minutes, seconds = divmod(self.duration_seconds, 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return f"{hours}:{minutes:02d}:{seconds:02d}"
        return f"{minutes}:{seconds:02d}"
