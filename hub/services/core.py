"""Writes owned by the hub: audit entries and API tokens."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ..models import ApiToken, AuditEntry


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
