"""The video room's background tasks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.background import background_task, progress


@background_task(label=_("Prepare class recordings"))
def recordings_process(context, room_id: int) -> dict:
    """After a recorded class: each speaker's tracks become one WebM."""
    from .models import Room
    from .services import recordings, sfu

    room = Room.objects.filter(pk=room_id).first()
    if room is None:
        return {"recordings": 0}
    # Janus closes its recorders when the room goes: done before reading the
    # files (the room's end asks it too; the worker may run first).
    sfu.destroy_room(room)
    progress(context, 0, 1)
    done = recordings.recordings_collect(room=room)
    progress(context, 1, 1)
    return {
        "recordings": len(done),
        "failed": sum(1 for r in done if r.status == r.Status.FAILED),
    }
