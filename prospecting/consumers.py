"""`ws/war-room/`: pushes lead events to open boards.

Sales/Managers join the shared board group; Staff join their own finder group,
so they only hear about their own finds (see `events.groups_for_lead`). The
browser fetches card HTML through the permission-checked card view.

Events dropped while a socket was down are caught up with a `sync` message: the
page sends the cursor of the last event it saw, the consumer answers with the
leads of that user's board written since (`selectors.board_changes`).
"""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from hub import roles
from hub.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, MAX_MESSAGE_BYTES

from . import events, selectors


class BoardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        group = await self._group(user)
        if group is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = group
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    @staticmethod
    async def _group(user):
        def decide():
            if roles.is_sales(user):
                return events.SALES_GROUP
            if roles.is_staff_member(user):
                return events.finder_group(user.pk)
            return None

        return await database_sync_to_async(decide)()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_MESSAGE_BYTES:
            await self.send_json({"type": "error", "error": "message too large"})
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nesting
            content = None
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "sync":
            await self._catch_up(content.get("cursor"))
        else:
            await self.send_json({"type": "error", "error": "unknown message"})

    async def _catch_up(self, cursor):
        since = events.cursor_to_time(cursor)
        if since is None:
            await self.send_json({"type": "error", "error": "bad cursor"})
            return
        changes = await self._changes(since)
        await self.send_json(
            {
                "type": "sync",
                "cursor": events.cursor_from_time(changes.cursor),
                "complete": changes.complete,
                "changed": [
                    {"lead_id": pk, "stage_id": stage_id}
                    for pk, stage_id in changes.changed
                ],
                "removed": changes.removed,
            }
        )

    @database_sync_to_async
    def _changes(self, since):
        # A fresh user: a socket can stay open for days after a role is taken
        # away, and roles are cached on the scope's user object.
        user = get_user_model().objects.filter(pk=self.scope["user"].pk).first()
        return selectors.board_changes(user=user, since=since)

    async def prospecting_lead(self, event):
        await self.send_json(
            {
                "type": "lead",
                "action": event["action"],
                "lead_id": event["lead_id"],
                "stage_id": event["stage_id"],
                "cursor": event.get("cursor"),
            }
        )

    async def prospecting_refresh(self, event):
        await self.send_json({"type": "refresh"})
