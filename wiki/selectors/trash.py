"""Reads of the wiki trash."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import TrashEntry, WikiTrashPage


def _in_trash() -> QuerySet[TrashEntry]:
    """Entries whose page is still under the holder (one moved out by hand in
    the admin is not shown: restore would refuse it)."""
    holder = WikiTrashPage.objects.first()
    if holder is None:
        return TrashEntry.objects.none()
    return TrashEntry.objects.filter(
        page__path__startswith=holder.path, page__depth__gt=holder.depth
    )


def trash_entries(*, limit: int = 500) -> QuerySet[TrashEntry]:
    """Trashed pages, newest first, with what the list shows in one query."""
    return (
        _in_trash()
        .select_related("page", "page__content_type", "trashed_by", "original_parent")
        .order_by("-trashed_at", "-pk")[:limit]
    )


def trash_entry(*, page_id: int) -> TrashEntry | None:
    return _in_trash().select_related("page").filter(page_id=page_id).first()


def trash_entries_older_than(*, before) -> QuerySet[TrashEntry]:
    return _in_trash().filter(trashed_at__lt=before).order_by("trashed_at", "pk")
