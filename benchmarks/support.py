"""Helpers shared by the benchmark modules: availability checks, sessions for
sockets, channel layers to compare, peak memory from /proc."""

from __future__ import annotations

import importlib
import os
import socket
from contextlib import contextmanager
from urllib.parse import urlparse

DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def missing(*requirements: str) -> str | None:
    """None when every "module" or "module:attribute" imports, else the reason.

    The measured apps are built in parallel: a benchmark whose code has not
    landed yet reports "not available yet" instead of breaking the run.
    """
    for requirement in requirements:
        module_name, _sep, attribute = requirement.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            return f"{module_name} ({error})"
        if attribute and not hasattr(module, attribute):
            return f"{module_name}.{attribute}"
    return None


def table_missing(*models) -> str | None:
    """The first model whose table is not in the database (migration not landed)."""
    from django.db import connection

    tables = set(connection.introspection.table_names())
    for model in models:
        if model._meta.db_table not in tables:
            return f"table {model._meta.db_table} (migration not landed)"
    return None


def session_headers(user, host: str = "localhost") -> list[tuple[bytes, bytes]]:
    """Cookie + origin + host headers of a logged-in browser, for a socket."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return [
        (b"cookie", f"{name}={client.cookies[name].value}".encode()),
        (b"origin", f"http://{host}".encode()),
        (b"host", host.encode()),
    ]


def bench_user(username: str, *groups: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.com", "first_name": username},
    )
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def redis_url() -> str | None:
    """REDIS_URL, or the local default when a Redis answers there."""
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=0.5
        ) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return url
    except OSError:
        return None
    return None


def channel_layers() -> dict[str, dict]:
    """Layers to compare: in-memory always, Redis when reachable."""
    layers = {"in-memory": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    url = redis_url()
    if url:
        layers["redis"] = {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # Hundreds of sockets share this process's one pool; redis-py's
                # default (100 connections) overflows with MaxConnectionsError
                # (see docs/performance.md, findings).
                "hosts": [{"address": url, "max_connections": 1024}],
                "capacity": 5000,
                "expiry": 30,
                "prefix": f"bench-{os.getpid()}-",
            },
        }
    return layers


@contextmanager
def channel_layer(config: dict):
    """Swap the default channel layer (Channels resets its layers on this signal)."""
    from django.test import override_settings

    with override_settings(CHANNEL_LAYERS={"default": config}):
        yield


# --- memory ---------------------------------------------------------------


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_mb() -> float:
    return round(_status_kb("VmRSS") / 1024, 1)


def peak_rss_mb() -> float:
    return round(_status_kb("VmHWM") / 1024, 1)


async def disconnect_all(communicators, limit: int = 16) -> int:
    """Close sockets concurrently, but at most `limit` at a time: a Redis-layer
    consumer takes seconds to stop (its blocking receive must time out), and
    hundreds at once would exhaust the layer's Redis connection pool."""
    import asyncio

    semaphore = asyncio.Semaphore(limit)

    async def close(communicator):
        # Cleanup is not measured: a consumer that died after its last measured
        # message (a Redis read timeout on a saturated machine) is only counted.
        async with semaphore:
            try:
                await communicator.disconnect(timeout=5)
            except Exception as error:  # noqa: BLE001 - counted, see above
                return error
        return None

    results = await asyncio.gather(*(close(c) for c in communicators))
    return sum(1 for r in results if r is not None)
