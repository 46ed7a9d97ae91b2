"""ASGI entry point: HTTP through Django, WebSockets through Channels (Daphne)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
# Django must be set up before any consumer (and its models) is imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from hub.daphne_forms import leave_form_bodies_to_django  # noqa: E402
from hub.registry import registry  # noqa: E402
from hub.routing import websocket_urlpatterns as hub_ws  # noqa: E402

# The apps' routes come from their registrations: the hub names none of them.
websocket_urlpatterns = [*hub_ws, *registry.websocket_urlpatterns()]
leave_form_bodies_to_django()  # Wagtail's editor pings with empty multipart bodies

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
