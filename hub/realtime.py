"""Push events to WebSocket groups, after the data they describe is committed."""

import logging

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
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        logger.warning("Live event to %s not sent", group, exc_info=True)
        _state["degraded"] = True
        return False
    _state["degraded"] = False
    return True


def broadcast(group: str, event: dict) -> None:
    """Send `event` to `group` once the surrounding transaction commits."""
    transaction.on_commit(lambda: send_now(group, event))


def is_degraded() -> bool:
    return _state["degraded"]
