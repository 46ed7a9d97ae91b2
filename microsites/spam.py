"""Spam defence without third parties: a honeypot field, a signed "form shown at"
timestamp checked against a minimum time-to-submit, and a per-IP rate limit kept
in the Django cache. Settings (optional): MICROSITES_FORM_MIN_SECONDS (default 3),
MICROSITES_FORM_MAX_AGE (default 1 day), MICROSITES_RATE_LIMIT (default 5) per
MICROSITES_RATE_WINDOW seconds (default 600)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core import signing

from hub import ratelimit

HONEYPOT_FIELD = "url_homepage"
STARTED_FIELD = "form_started"
# The idempotency key of one display of the form (see models.ContactRequest).
REQUEST_KEY_FIELD = "request_key"
_SALT = "microsites.contact-form"


def min_seconds() -> float:
    return float(getattr(settings, "MICROSITES_FORM_MIN_SECONDS", 3))


def max_age() -> int:
    return int(getattr(settings, "MICROSITES_FORM_MAX_AGE", 24 * 3600))


def started_token(now: float | None = None) -> str:
    return signing.dumps(round(now if now is not None else time.time(), 3), salt=_SALT)


def seconds_since(token: str, now: float | None = None) -> float | None:
    """Seconds since the form was shown, or None when the token is forged/expired."""
    try:
        started = signing.loads(token or "", salt=_SALT, max_age=max_age())
    except signing.BadSignature:
        return None
    if not isinstance(started, int | float):
        return None
    return (now if now is not None else time.time()) - started


def _rate_key(request, bucket: str = "") -> str:
    digest = hashlib.sha256(ratelimit.client_ip(request).encode()).hexdigest()[:32]
    return f"microsites:rate:{bucket + ':' if bucket else ''}{digest}"


def rate_limit_exceeded(
    request, *, bucket: str = "", limit: int | None = None, window: int | None = None
) -> bool:
    """Count one submission for the client's IP; True once over the limit.
    Forms share the default bucket; the question box counts in its own
    ("ask", a higher limit: asking is cheap, a lead is not)."""
    if limit is None:
        limit = int(getattr(settings, "MICROSITES_RATE_LIMIT", 5))
    if window is None:
        window = int(getattr(settings, "MICROSITES_RATE_WINDOW", 600))
    return not ratelimit.hit(
        _rate_key(request, bucket), limit=limit, window_seconds=window
    )
