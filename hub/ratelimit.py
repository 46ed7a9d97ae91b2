"""Small fixed-window rate limits on the Django cache (shared by every worker when
REDIS_URL is set). Used for logins, public forms and invite links."""

from django.core.cache import cache


def client_ip(request) -> str:
    # Behind the documented proxy, Daphne's --proxy-headers already put the real
    # client address in REMOTE_ADDR; never trust X-Forwarded-For ourselves.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; return True while the caller stays within `limit`."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count <= limit
