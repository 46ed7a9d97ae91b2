"""`ws/war-room/`: pushes lead events to open boards.

Sales/Managers join the shared board group; Staff join their own finder group,
so they only hear about their own finds (see `events.groups_for_lead`). The
browser fetches card HTML through the permission-checked card view.

Events dropped while a socket was down are caught up with a `sync` message: the
page sends the cursor of the last event it saw, the consumer answers with the
leads of that user's board written since (`selectors.board_changes`).
"""

from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model

from hub import roles
from hub.consumers import CLOSE_FORBIDDEN, GuardedJsonConsumer

from . import events, selectors


class BoardConsumer(GuardedJsonConsumer):
    async def admit(self):
        refusal = await super().admit()
        if refusal is not None:
            return refusal
        self.group = await self._group(self.scope["user"])
        return CLOSE_FORBIDDEN if self.group is None else None

    async def admitted(self):
        await self.join(self.group)

    @staticmethod
    async def _group(user):
        def decide():
            if roles.is_sales(user):
                return events.SALES_GROUP
            if roles.is_staff_member(user):
                return events.finder_group(user.pk)
            return None

        return await database_sync_to_async(decide)()

    async def on_sync(self, message):
        await self._catch_up(message.get("cursor"))

    async def _catch_up(self, cursor):
        since = events.cursor_to_time(cursor)
        if since is None:
            await self.send_error("bad-cursor", "bad cursor")
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
