"""Reads of certificates and who may download them."""

from __future__ import annotations

from hub import roles

from ..models import Certificate


def can_download_certificate(user, owner) -> bool:
    """Managers and administrators for anyone; a learner for themselves."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or roles.is_manager(user) or user.pk == owner.pk


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("user")
        .filter(code=(code or "").strip().upper())
        .first()
    )
