"""The trainer's side of the room consumer: questions queue, hand queue, mute all,
spotlight. Mixed into RoomConsumer; every host-only frame goes through
`_require_host()` first, so a trainee's browser cannot mute or spotlight anyone.
"""

from __future__ import annotations

from channels.db import database_sync_to_async

from . import services


class ClassroomHandlers:
    # --- everyone in the call ---------------------------------------------

    async def on_question(self, message):
        self._require_call()
        question = await database_sync_to_async(services.question_ask)(
            room=self.room, participant=self.participant, text=message["text"]
        )
        await self._broadcast_question(question)

    # --- host only ----------------------------------------------------------

    async def on_question_answered(self, message):
        self._require_host()
        question = await database_sync_to_async(services.question_mark_answered)(
            room=self.room, question_id=message["id"], by=self.scope["user"]
        )
        await self._broadcast_question(question)

    async def on_lower_hand(self, message):
        self._require_host()
        peer = await database_sync_to_async(services.hand_lower)(
            room=self.room, peer_id=message["peer"], by=self.scope["user"]
        )
        await self.channel_layer.group_send(
            self.room.group_name,
            {
                "type": "video.peer_state",
                "peer_id": peer.peer_id,
                "media": peer.media,
                "hand_at": None,
            },
        )

    async def on_mute_all(self, message):
        self._require_host()
        muted = await database_sync_to_async(services.mute_all)(
            room=self.room, by=self.scope["user"], keep_peer=self.participant.peer_id
        )
        await self.channel_layer.group_send(
            self.room.group_name,
            {
                "type": "video.muted_all",
                "by": self.participant.peer_id,
                "muted": muted,
            },
        )

    async def on_spotlight(self, message):
        self._require_host()
        peer_id = await database_sync_to_async(services.spotlight_set)(
            room=self.room, peer_id=message["peer"], by=self.scope["user"]
        )
        await self.channel_layer.group_send(
            self.room.group_name, {"type": "video.spotlight", "peer_id": peer_id}
        )

    # --- channel-layer events -----------------------------------------------

    async def _broadcast_question(self, question):
        await self.channel_layer.group_send(
            self.room.group_name,
            {"type": "video.question", "question": services.question_info(question)},
        )

    async def video_question(self, event):
        await self.send_json({"type": "question", "question": event["question"]})

    async def video_muted_all(self, event):
        await self.send_json(
            {"type": "muted-all", "by": event["by"], "muted": event["muted"]}
        )

    async def video_spotlight(self, event):
        await self.send_json({"type": "spotlight", "peer_id": event["peer_id"]})
