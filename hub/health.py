"""Live round-trip checks behind /healthz: database, channel layer, search."""

import time
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection


def _timed(func):
    started = time.perf_counter()
    try:
        detail = func() or {}
        ok, error = True, None
    except Exception as exc:  # noqa: BLE001 - a health check reports every failure
        detail, ok, error = {}, False, f"{type(exc).__name__}: {exc}"[:300]
    result = {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1)}
    result.update(detail)
    if error:
        result["error"] = error
    return result


def check_database() -> dict:
    def probe():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    return {"backend": connection.vendor, **_timed(probe)}


def check_search() -> dict:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()

    def probe():
        client = getattr(backend, "es", None) or getattr(backend, "client", None)
        if client is not None:
            if not client.ping():
                raise ConnectionError("Elasticsearch did not answer the ping")
            return {}
        from wagtail.models import Page

        list(backend.search("healthz", Page.objects.live())[:1])
        return {}

    return {"backend": type(backend).__module__, **_timed(probe)}


async def check_channel_layer() -> dict:
    layer = get_channel_layer()
    name = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1]
    started = time.perf_counter()
    try:
        channel = await layer.new_channel("healthz.")
        token = uuid.uuid4().hex
        await layer.send(channel, {"type": "healthz.ping", "token": token})
        import asyncio

        message = await asyncio.wait_for(layer.receive(channel), timeout=2)
        if message.get("token") != token:
            raise RuntimeError("channel layer returned another message")
        ok, error = True, None
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        ok, error = False, f"{type(exc).__name__}: {exc}"[:300]
    result = {
        "backend": name,
        "ok": ok,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    if error:
        result["error"] = error
    return result


async def run_all() -> dict:
    database = await sync_to_async(check_database, thread_sensitive=True)()
    channel_layer = await check_channel_layer()
    search = await sync_to_async(check_search, thread_sensitive=True)()
    parts = {"database": database, "channel_layer": channel_layer, "search": search}
    failing = [name for name, part in parts.items() if not part["ok"]]
    return {"status": "ok" if not failing else "error", "failing": failing, **parts}
