"""Reads owned by the hub."""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from .models import AuditEntry, Notification


def hub_counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.filter(is_active=True).count(),
        "pages": Page.objects.filter(depth__gt=1).live().count(),
        "sites": Site.objects.count(),
    }


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(*, user, limit: int = 20):
    return Notification.objects.filter(user=user).select_related("actor")[:limit]


def audit_entry_list(*, actor=None, action_prefix: str = ""):
    queryset = AuditEntry.objects.select_related("actor", "target_type")
    if actor is not None:
        queryset = queryset.filter(actor=actor)
    if action_prefix:
        queryset = queryset.filter(action__startswith=action_prefix)
    return queryset
