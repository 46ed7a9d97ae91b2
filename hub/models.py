import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from . import roles


class HubHomePage(Page):
    """Root page of the intranet site: the staff dashboard.

    A Wagtail page (not a Django view) so that "/" on a microsite host serves that
    site's own home while "/" on the hub host serves this dashboard.
    """

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("staff home")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_staff_member(request.user):
            raise PermissionDenied
        from .views import render_dashboard

        return render_dashboard(request, self)

    def get_sitemap_urls(self, request=None):
        return []  # intranet: never in a sitemap


class Notification(models.Model):
    """An in-app notification (the bell). By the user's preference for its kind,
    it is also e-mailed at once, in the daily digest (if still unread), or not."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A registered NotificationKind key: decides how mail reaches the user.
    kind = models.CharField(max_length=64, default="general", db_index=True)
    verb = models.CharField(_("what happened"), max_length=255)
    target_label = models.CharField(max_length=255, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.verb} {self.target_label}".strip()


class AuditEntry(models.Model):
    """Who changed what, when: one row per business write, any app."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class ApiToken(models.Model):
    """A personal API token (for scripts and the bookmarklet outside the browser).

    Only a SHA-256 of the token is stored; the clear value is shown once.
    """

    SCOPE_READ = "read"
    SCOPE_WRITE = "write"
    SCOPE_CHOICES = [(SCOPE_READ, _("read only")), (SCOPE_WRITE, _("read and write"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hub_api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=10, choices=SCOPE_CHOICES, default=SCOPE_WRITE)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "hub_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Delivery(models.TextChoices):
    """How a kind of notification reaches a user by mail (the bell always rings)."""

    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("No e-mail")


class NotificationPreference(models.Model):
    """A user's choice of mail delivery for one notification kind (the kinds are
    registered by the apps; no row means the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_preference_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: {self.delivery}"


class TaskRun(models.Model):
    """What the hub adds to a background task's stored result: progress for the
    pages that follow it, a heartbeat (a task whose worker died is failed by the
    scheduler, not left "running" forever) and the chain of retries."""

    task_id = models.CharField(max_length=64, unique=True)
    task_name = models.CharField(max_length=255, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=255, blank=True)
    attempt = models.PositiveSmallIntegerField(default=1)
    retry_of = models.CharField(max_length=64, blank=True, db_index=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.task_name} ({self.task_id})"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class ScheduledRun(models.Model):
    """One row per scheduled job and day: the claim that makes the daily jobs run
    once however many workers (schedulers) are up."""

    name = models.CharField(max_length=64)
    day = models.DateField()
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="one_run_per_day")
        ]

    def __str__(self):
        return f"{self.name} {self.day}"
