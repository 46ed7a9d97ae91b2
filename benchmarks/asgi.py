"""The hub's WebSocket stack plus the bare baseline consumers, wrapped the same way
(origin check, session auth), so a ratio compares consumers, not middleware."""

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from hub.asgi import websocket_urlpatterns

from .consumers import BareGroupConsumer, BareRelayConsumer

bench_websocket_urlpatterns = [
    path("ws/bench/relay/", BareRelayConsumer.as_asgi()),
    path("ws/bench/group/", BareGroupConsumer.as_asgi()),
    *websocket_urlpatterns,
]

websocket_application = AllowedHostsOriginValidator(
    AuthMiddlewareStack(URLRouter(bench_websocket_urlpatterns))
)
