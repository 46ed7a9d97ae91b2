"""WebSocket consumers: one guarded JSON base for every app, and the bell.

`GuardedJsonConsumer` holds what every socket needs, in one place:
- who may connect: `admit()` returns None to accept or a close code to refuse,
  before `accept()` (4401 unauthenticated, 4403 forbidden, …); then
  `admitted()` joins groups (before accept: no event is missed) and `welcome()`
  sends the first frames;
- frame checks: text only, bounded size, JSON objects with a string `type`;
  anything else gets an error frame and the socket stays open;
- dispatch: `{"type": "chat"}` calls `on_chat(message)`; channel-layer events
  keep Channels' own `<app>_<event>` handlers (a browser can never reach them);
- groups joined through `join()` are left on disconnect.
"""

from __future__ import annotations

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .services import notification_group

# Application close codes (4000-4999): the client shows why it was refused.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_FULL = 4409
CLOSE_GONE = 4410
MAX_MESSAGE_BYTES = 4096
MAX_TYPE_LENGTH = 40


class MessageError(Exception):
    """A message refused: `code` and `message` go back in an error frame."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class GuardedJsonConsumer(AsyncJsonWebsocketConsumer):
    max_message_bytes = MAX_MESSAGE_BYTES

    # -- connection ------------------------------------------------------------

    async def connect(self):
        self.joined: list[str] = []
        refusal = await self.admit()
        if refusal is not None:
            await self.close(code=refusal)
            return
        await self.admitted()
        await self.accept()
        await self.welcome()

    async def admit(self) -> int | None:
        """None to accept; else the close code. Default: signed-in users."""
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return CLOSE_UNAUTHENTICATED
        return None

    async def admitted(self) -> None:
        """Before accept(): join the groups this socket listens to."""

    async def welcome(self) -> None:
        """After accept(): the first frames (a snapshot, a welcome…)."""

    async def join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.joined.append(group)

    async def leave(self, group: str) -> None:
        await self.channel_layer.group_discard(group, self.channel_name)
        if group in self.joined:
            self.joined.remove(group)

    async def disconnect(self, code):
        for group in list(getattr(self, "joined", [])):
            await self.leave(group)

    # -- incoming frames -------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self.send_error("bad-message", "text frames only")
            return
        if len(text_data) > self.max_message_bytes:
            await self.send_error("too-large", "message too large")
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nesting
            await self.send_error("bad-message", "invalid JSON")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if not isinstance(kind, str):
            await self.send_error("bad-message", "a JSON object with a 'type'")
            return
        handler = None
        if 0 < len(kind) <= MAX_TYPE_LENGTH:
            handler = getattr(self, "on_" + kind.replace("-", "_"), None)
        if handler is None:
            await self.send_error("unknown-type", "unknown message")
            return
        try:
            await handler(self.clean(content))
        except MessageError as error:
            await self.send_error(error.code, error.message)

    def clean(self, content: dict) -> dict:
        """Validate a message before its handler sees it (override per app)."""
        return content

    async def send_error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "error": message})

    async def on_ping(self, message):
        await self.send_json({"type": "pong"})


class NotificationConsumer(GuardedJsonConsumer):
    """The bell: pushes a user's new notifications; answers pings (liveness)."""

    async def admitted(self):
        await self.join(notification_group(self.scope["user"].pk))

    async def on_ping(self, message):
        await self.send_json(
            {
                "type": "pong",
                "echo": str(message.get("echo", ""))[:200],
                "user": self.scope["user"].get_username(),
            }
        )

    async def notification_new(self, event):
        await self.send_json(
            {k: v for k, v in event.items() if k != "type"} | {"type": "notification"}
        )
