"""Notifications: one service for every event users are told about.

`notify()` rings the bell (pushed live on `ws/notifications/` after commit) and,
by each user's preference for the event's kind (registered by the apps, see
`hub.registry.NotificationKind`), mails it at once through a background task,
keeps it for the daily digest, or keeps it in the bell only.

Links are paths ("/war-room/leads/12/"): in the bell they open on whatever host
the user is on; in mail they are prefixed with HUB_BASE_URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Delivery, Notification, NotificationPreference
from ..realtime import broadcast
from ..registry import registry

# An "immediately" mail not sent by then (mail server away, retries exhausted)
# goes out with the next digest instead: nothing the user asked for is lost.
IMMEDIATE_FALLBACK_AFTER = timedelta(hours=1)


def notification_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def deliveries_for(*, users: Iterable, kind: str) -> dict[int, str]:
    """{user_id: delivery} for one kind: the user's choice, else the default."""
    default = registry.notification_kind(kind).default_delivery
    ids = [u.pk for u in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: chosen.get(pk, default) for pk in ids}


@transaction.atomic
def notify(
    *,
    users: Iterable,
    verb: str,
    kind: str = "general",
    target_label: str = "",
    target_url: str = "",
    actor=None,
) -> list[Notification]:
    """Tell each user (never the actor, never an inactive account) about an event.

    `kind` must be registered (a typo would silently fall back otherwise)."""
    registry.notification_kind(kind)
    actor_id = getattr(actor, "pk", None)
    recipients = [
        user
        for user in {u.pk: u for u in users if u is not None}.values()
        if user.pk != actor_id and user.is_active
    ]
    created = Notification.objects.bulk_create(
        Notification(
            user=user,
            actor=actor if actor_id else None,
            kind=kind,
            verb=verb[:255],
            target_label=target_label[:255],
            target_url=target_url[:500],
        )
        for user in recipients
    )
    for note in created:
        broadcast(notification_group(note.user_id), _live_event(note))
    _mail_the_impatient(created, recipients, kind)
    return created


def _live_event(note: Notification) -> dict:
    return {
        "type": "notification.new",
        "id": note.pk,
        "kind": note.kind,
        "verb": note.verb,
        "target_label": note.target_label,
        "target_url": note.target_url,
    }


def _mail_the_impatient(created, recipients, kind: str) -> None:
    from ..background import enqueue
    from ..tasks import notification_mail_send

    deliveries = deliveries_for(users=recipients, kind=kind)
    ids = [
        note.pk
        for note in created
        if deliveries[note.user_id] == Delivery.IMMEDIATE and note.user.email
    ]
    if ids:
        enqueue(notification_mail_send, ids)


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_save(*, user, choices: dict[str, str]) -> list[str]:
    """Store the user's mail delivery per kind; returns the kinds that changed.
    An unknown kind or delivery is refused (ValueError) and nothing is saved."""
    known = {k.key: k for k in registry.notification_kinds_for(user)}
    for kind, delivery in choices.items():
        if kind not in known or delivery not in Delivery.values:
            raise ValueError(f"Unknown notification kind or delivery: {kind}")
    stored = dict(user.notification_preferences.values_list("kind", "delivery"))
    changed = []
    for kind, delivery in choices.items():
        if stored.get(kind, known[kind].default_delivery) == delivery:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
        changed.append(kind)
    if changed:
        from .core import audit_log

        audit_log(
            actor=user,
            action="notifications.preferences",
            target=user,
            changes={kind: choices[kind] for kind in changed},
        )
    return changed


# -- mail ----------------------------------------------------------------------


def _mail_context(user, notifications) -> dict:
    return {
        "user": user,
        "notifications": notifications,
        "base_url": settings.HUB_BASE_URL.rstrip("/"),
        "preferences_url": settings.HUB_BASE_URL.rstrip("/") + "/accounts/#mail",
    }


def _message(*, subject: str, template: str, context: dict, to: str):
    text = render_to_string(f"hub/email/{template}.txt", context)
    html = render_to_string(f"hub/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    return message


def notifications_mail_now(*, notification_ids: Iterable[int]) -> int:
    """Mail these notifications, one message each, unless already mailed or read.
    Each is marked in the transaction that sends it: a retry after a failure
    never mails one twice (the digest takes the same row lock)."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("user", "actor")
                .filter(pk=pk, emailed_at__isnull=True, read_at__isnull=True)
                .first()
            )
            if note is None or not note.user.email or not note.user.is_active:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                subject = f"{note.verb} {note.target_label}".strip()[:200]
                message = _message(
                    subject=subject,
                    template="notification",
                    context=_mail_context(note.user, [note]),
                    to=note.user.email,
                )
            message.send()
            Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


@dataclass
class DigestResult:
    users: int
    notifications: int


def _digest_pending(user, now) -> list[Notification]:
    """The user's unread, unmailed notifications the digest should carry: kinds
    they want in the digest, plus "immediately" ones whose mail never left."""
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(user=user, read_at__isnull=True, emailed_at__isnull=True)
        .select_related("actor")
        .order_by("created_at")
    )
    wanted = []
    preferences = dict(user.notification_preferences.values_list("kind", "delivery"))
    for note in pending:
        kind = registry.notification_kinds.get(note.kind)
        delivery = preferences.get(
            note.kind, kind.default_delivery if kind else "digest"
        )
        if delivery == Delivery.DIGEST:
            wanted.append(note)
        elif delivery == Delivery.IMMEDIATE:
            if note.created_at <= now - IMMEDIATE_FALLBACK_AFTER:
                wanted.append(note)
    return wanted


def notification_digest_send(*, now=None) -> DigestResult:
    """E-mail each user one digest of what they chose to read that way."""
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(
            notifications__read_at__isnull=True,
            notifications__emailed_at__isnull=True,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
    result = DigestResult(0, 0)
    for user in users:
        with transaction.atomic():
            pending = _digest_pending(user, now)
            if not pending:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Hub: %(count)d new notifications") % {
                    "count": len(pending)
                }
                message = _message(
                    subject=subject,
                    template="digest",
                    context=_mail_context(user, pending),
                    to=user.email,
                )
            message.send()
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=now
            )
            result.users += 1
            result.notifications += len(pending)
    return result
