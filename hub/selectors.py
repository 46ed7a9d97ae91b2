"""Reads owned by the hub."""

from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page, Site

from .models import AuditEntry, Notification


def counts(**querysets) -> dict[str, int]:
    """`{name: queryset.count()}` in one round trip: one SELECT of scalar
    COUNT subqueries, each the queryset's own SQL (the staff home shows several
    unrelated counts on every request)."""
    columns, params = [], []
    for queryset in querysets.values():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        # the queryset's own compiled SQL, its values passed as parameters
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def hub_counts() -> dict[str, int]:
    return counts(
        users=get_user_model().objects.filter(is_active=True),
        pages=Page.objects.filter(depth__gt=1).live(),
        sites=Site.objects.all(),
    )


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
