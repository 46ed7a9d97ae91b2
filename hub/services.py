"""Writes owned by the hub: notifications, audit entries, API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ApiToken, AuditEntry, Notification
from .realtime import broadcast


def notification_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def audit_log(*, actor, action: str, target=None, changes: dict | None = None):
    """Record who did what to which object. Call inside the write's transaction."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action[:64],
        changes=changes or {},
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, False)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:255]
    entry.save()
    return entry


@transaction.atomic
def notify(
    *,
    users: Iterable,
    verb: str,
    target_label: str = "",
    target_url: str = "",
    actor=None,
) -> list[Notification]:
    """Bell notification for each user (never the actor), pushed live after commit."""
    actor_id = getattr(actor, "pk", None)
    created = []
    for user in {u.pk: u for u in users if u is not None}.values():
        if user.pk == actor_id or not user.is_active:
            continue
        created.append(
            Notification(
                user=user,
                actor=actor if actor_id else None,
                verb=verb[:255],
                target_label=target_label[:255],
                target_url=target_url[:500],
            )
        )
    Notification.objects.bulk_create(created)
    for note in created:
        broadcast(
            notification_group(note.user_id),
            {
                "type": "notification.new",
                "verb": note.verb,
                "target_label": note.target_label,
                "target_url": note.target_url,
            },
        )
    return created


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())


@dataclass
class DigestResult:
    users: int
    notifications: int


def notification_digest_send() -> DigestResult:
    """E-mail each user their unread, not yet e-mailed notifications (one mail each)."""
    users = (
        get_user_model()
        .objects.filter(
            notifications__read_at__isnull=True,
            notifications__emailed_at__isnull=True,
            is_active=True,
        )
        .distinct()
    )
    result = DigestResult(0, 0)
    for user in users.exclude(email=""):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(user=user, read_at__isnull=True, emailed_at__isnull=True)
                .select_related("actor")
            )
            if not pending:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "hub/email/digest.txt",
                    {
                        "user": user,
                        "notifications": pending,
                        "base_url": settings.HUB_BASE_URL,
                    },
                )
                subject = _("Hub: %(count)d new notifications") % {
                    "count": len(pending)
                }
            send_mail(subject, body, None, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=timezone.now()
            )
            result.users += 1
            result.notifications += len(pending)
    return result


@transaction.atomic
def api_token_create(*, user, name: str, scope: str = ApiToken.SCOPE_WRITE):
    """Create a token; returns (token, raw_value). The raw value is never stored."""
    raw = ApiToken.generate()
    token = ApiToken(
        user=user, name=name, scope=scope, prefix=raw[:12], digest=ApiToken.hash(raw)
    )
    token.full_clean()
    token.save()
    audit_log(actor=user, action="api_token.create", target=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=by, action="api_token.revoke", target=token)
    return token
