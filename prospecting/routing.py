from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/war-room/", consumers.BoardConsumer.as_asgi()),
]
