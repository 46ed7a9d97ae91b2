"""Writes owned by the hub. One module per concern; the names every app calls
(`notify`, `audit_log`, …) are importable from `hub.services`."""

from .core import api_token_create, api_token_revoke, audit_log
from .mentions import mentioned_users, mentions_notify
from .notifications import (
    DigestResult,
    deliveries_for,
    notification_digest_send,
    notification_group,
    notification_preferences_save,
    notifications_mail_now,
    notifications_mark_read,
    notify,
)

__all__ = [
    "DigestResult",
    "api_token_create",
    "api_token_revoke",
    "audit_log",
    "deliveries_for",
    "mentioned_users",
    "mentions_notify",
    "notification_digest_send",
    "notification_group",
    "notification_preferences_save",
    "notifications_mail_now",
    "notifications_mark_read",
    "notify",
]
