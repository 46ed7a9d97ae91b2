"""ICE servers for browsers, with short-lived TURN credentials.

TURN REST API scheme (draft-uberti-behave-turn-rest, coturn `use-auth-secret`):
username = "<expiry unix time>:<user key>", credential = base64(HMAC-SHA1(secret,
username)). coturn recomputes the HMAC with the same `static-auth-secret` and
refuses the username once its expiry has passed, so a leaked credential dies alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from django.conf import settings


def turn_credentials(
    *, user_key: str, secret: str, ttl: int, now: float | None = None
) -> dict:
    expiry = int((time.time() if now is None else now) + ttl)
    username = f"{expiry}:{user_key}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return {"username": username, "credential": base64.b64encode(digest).decode()}


def ice_servers(*, user_key: str, now: float | None = None) -> dict:
    """The RTCPeerConnection `iceServers` list plus the credentials' lifetime."""
    servers = []
    if settings.STUN_URLS:
        servers.append({"urls": list(settings.STUN_URLS)})
    ttl = int(settings.TURN_CREDENTIAL_TTL)
    if settings.TURN_URLS and settings.TURN_SECRET:
        servers.append(
            {
                "urls": list(settings.TURN_URLS),
                **turn_credentials(
                    user_key=user_key, secret=settings.TURN_SECRET, ttl=ttl, now=now
                ),
            }
        )
    return {"iceServers": servers, "ttl": ttl}
