from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import roles
from .services import notification_group

# Application close codes (4000-4999): the client shows why it was refused.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
MAX_MESSAGE_BYTES = 4096


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """The bell: pushes a user's new notifications; answers pings (liveness)."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = notification_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if bytes_data is not None or text_data is None:
            await self.send_json({"type": "error", "error": "text frames only"})
            return
        if len(text_data) > MAX_MESSAGE_BYTES:
            await self.send_json({"type": "error", "error": "message too large"})
            return
        await super().receive(text_data=text_data, **kwargs)

    async def decode_json(self, text_data):
        import json

        try:
            return json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nesting
            return None

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "error": "unknown message"})
            return
        await self.send_json(
            {
                "type": "pong",
                "echo": str(content.get("echo", ""))[:200],
                "user": self.scope["user"].get_username(),
            }
        )

    async def notification_new(self, event):
        await self.send_json(
            {k: v for k, v in event.items() if k != "type"} | {"type": "notification"}
        )


def user_is_staff(user) -> bool:
    return roles.is_staff_member(user)
