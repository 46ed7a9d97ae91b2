"""Push events to WebSocket groups, after the data they describe is committed."""

import asyncio
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# Set when the last send failed (Redis down): pages show a "live updates paused"
# notice instead of silently going stale.
_state = {"degraded": False}


def send_now(group: str, event: dict) -> bool:
    """Send one event; never raises, so a dead channel layer cannot break a write."""
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        _send(layer, group, event)
    except Exception:
        logger.warning("Live event to %s not sent", group, exc_info=True)
        _state["degraded"] = True
        return False
    _state["degraded"] = False
    return True


def _loop_runs_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _send(layer, group: str, event: dict) -> None:
    if not _loop_runs_here():
        async_to_sync(layer.group_send)(group, event)
        return
    # Sync code called from a thread that runs an event loop (a sync callback
    # inside async code, Playwright's sync API in the browser tests):
    # async_to_sync refuses to block that loop, so the send gets its own thread.
    failure: list[Exception] = []

    def run():
        try:
            async_to_sync(layer.group_send)(group, event)
        except Exception as error:  # noqa: BLE001 — re-raised in the caller's thread
            failure.append(error)

    worker = threading.Thread(target=run, name="realtime-send", daemon=True)
    worker.start()
    worker.join(timeout=10)
    if failure:
        raise failure[0]


def broadcast(group: str, event: dict) -> None:
    """Send `event` to `group` once the surrounding transaction commits."""
    transaction.on_commit(lambda: send_now(group, event))


def is_degraded() -> bool:
    return _state["degraded"]
