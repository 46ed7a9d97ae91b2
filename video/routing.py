from django.urls import re_path

from . import consumers

websocket_urlpatterns = [
    re_path(
        r"^ws/video/(?P<slug>[-a-zA-Z0-9_]{1,80})/$", consumers.RoomConsumer.as_asgi()
    ),
]
