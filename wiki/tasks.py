"""The wiki's background tasks: daily reminders and purge, re-indexing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.background import background_task, progress


@background_task(label=_("Review reminders"))
def review_reminders(context) -> dict:
    """Tell experts which of their articles are past their review date."""
    from .services import review_reminders_send

    return {"reminders": review_reminders_send()}


@background_task(label=_("Empty the wiki trash (30 days)"))
def wiki_trash_purge(context, days: int = 30) -> dict:
    """Delete for good what has been in the wiki trash for more than 30 days."""
    from .trash import trash_purge_older_than

    items, pages = trash_purge_older_than(
        days=days,
        on_item=lambda n, total, title, count: progress(context, n, total, title),
    )
    return {"items": items, "pages": pages}


@background_task(label=_("Re-index articles"))
def articles_reindex(context, page_ids: list[int]) -> dict:
    """Re-index articles whose embedded product facts changed."""
    from .services import articles_reindex as reindex

    progress(context, 0, len(page_ids))
    reindex(page_ids=page_ids)
    progress(context, len(page_ids), len(page_ids))
    return {"articles": len(page_ids)}


@background_task(label=_("Embed article sections"))
def passages_embed(context, passage_ids: list[int]) -> dict:
    """Compute the answer engine's vectors of changed article sections."""
    from .answers.indexing import passages_embed as embed

    progress(context, 0, len(passage_ids))
    done = embed(ids=passage_ids, on_batch=lambda n, total: progress(context, n, total))
    return {"passages": done}


@background_task(label=_("Count live class attendance"))
def live_classes_attendance(context, class_id: int | None = None) -> dict:
    """Credit the hours of live classes that are over (one, or all due)."""
    from .models import LiveClass
    from .services import live_class_attendance_compute, live_classes_attendance_due

    if class_id is None:
        return {"classes": live_classes_attendance_due()}
    live_class = LiveClass.objects.filter(pk=class_id).first()
    if live_class is None:
        return {"classes": 0}
    rows = live_class_attendance_compute(live_class=live_class)
    return {"classes": 1, "attendances": len(rows)}
