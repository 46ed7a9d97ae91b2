"""Benchmark-only baselines: the least a Channels consumer can do for the same job.

`BareRelayConsumer` relays a frame to one other socket through the channel layer
(what signaling does, minus validation, permissions and presence).
`BareGroupConsumer` joins one group and forwards whatever the group receives
(what the live board does, minus the permission-scoped groups).
Served only by `benchmarks.asgi`, never by the hub's routing.
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

BARE_GROUP = "bench.bare.board"


class BareRelayConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send_json({"type": "welcome", "me": self.channel_name})

    async def receive_json(self, content, **kwargs):
        await self.channel_layer.send(
            content["to"], {"type": "bare.signal", "payload": content}
        )

    async def bare_signal(self, event):
        await self.send_json(event["payload"])


class BareGroupConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(BARE_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(BARE_GROUP, self.channel_name)

    async def bare_event(self, event):
        await self.send_json(event["payload"])
