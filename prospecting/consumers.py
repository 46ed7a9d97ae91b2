"""`ws/war-room/`: pushes lead events to open boards.

Sales/Managers join the shared board group; Staff join their own finder group,
so they only hear about their own finds (see `events.groups_for_lead`). The
browser fetches card HTML through the permission-checked card view.
"""

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from hub import roles
from hub.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, MAX_MESSAGE_BYTES

from . import events


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
        from channels.db import database_sync_to_async

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
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "error": "unknown message"})
            return
        await self.send_json({"type": "pong"})

    async def prospecting_lead(self, event):
        await self.send_json(
            {
                "type": "lead",
                "action": event["action"],
                "lead_id": event["lead_id"],
                "stage_id": event["stage_id"],
            }
        )

    async def prospecting_refresh(self, event):
        await self.send_json({"type": "refresh"})
