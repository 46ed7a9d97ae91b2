"""Shared fixtures: role users, a live Daphne server, and a headless Chromium.

Browser tests use `daphne_server` (a real Daphne process serving hub.asgi over the
file-backed test database) with `transactional_db`, so the server sees each test's
data. The server runs in a forked child, like Channels' ChannelsLiveServerTestCase.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from hub import roles

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]


@pytest.fixture(autouse=True)
def _hub_urlconf_after_each_test():
    """A microsite request switches this thread to the public URLconf until its
    response is closed (Django's request_finished); a streamed response a test
    never read to the end leaves it switched, and later reverse() calls outside
    a request miss the hub's namespaces. Each test ends on the default."""
    yield
    from django.urls import set_urlconf

    set_urlconf(None)


def make_user(username, *groups, superuser=False, password="demo", **extra):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=f"{username}@example.com",
        first_name=extra.pop("first_name", username.capitalize()),
        is_superuser=superuser,
        is_staff=superuser,
        **extra,
    )
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def staff_user(db):
    return make_user("staff", roles.STAFF)


@pytest.fixture
def sales_user(db):
    return make_user("sales", roles.STAFF, roles.SALES)


@pytest.fixture
def editor_user(db):
    return make_user("editor", roles.STAFF, roles.EDITORS)


@pytest.fixture
def manager_user(db):
    return make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS)


@pytest.fixture
def admin_user(db):
    return make_user("admin", roles.STAFF, superuser=True)


@pytest.fixture
def outsider_user(db):
    """Authenticated but in no role (e.g. a deactivated contractor's account)."""
    return make_user("outsider")


@pytest.fixture(autouse=True)
def _base_data(request):
    """Groups, page root and staff home exist in every database test, even after a
    transactional test flushed the tables the migrations had filled."""
    marker = request.node.get_closest_marker("django_db")
    needs_db = marker or {"db", "transactional_db"} & set(request.fixturenames)
    if not needs_db:
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from hub.bootstrap import ensure_base_data

    ensure_base_data()


# --- live server -------------------------------------------------------------


class _UnblockDatabase:
    """Setup run in the forked server: it inherits the parent's settings (test
    database included) but also pytest-django's database blocker, lifted here.
    Its mail goes to the test session's real SMTP server (`smtp_server`)."""

    def __init__(self, blocker, smtp_port=None):
        self.blocker = blocker
        self.smtp_port = smtp_port

    def __call__(self):
        self.blocker.unblock()
        if self.smtp_port:
            from django.conf import settings as live_settings

            live_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            live_settings.EMAIL_HOST = "127.0.0.1"
            live_settings.EMAIL_PORT = self.smtp_port
            live_settings.EMAIL_USE_TLS = live_settings.EMAIL_USE_SSL = False
            live_settings.EMAIL_HOST_USER = live_settings.EMAIL_HOST_PASSWORD = ""
            live_settings.EMAIL_TIMEOUT = 10
        # The server outlives each test's data, but its local-memory cache would
        # not: Wagtail's cached site root paths (and cached microsite pages) from
        # one test would answer the next one (on PostgreSQL, ids differ after a
        # flush, so a quote link rendered as "None"). No cache in the server.
        from asgiref.local import Local
        from django.conf import settings
        from django.core.cache import caches

        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        }
        caches.__dict__.pop("settings", None)  # a cached_property
        caches._settings = None
        caches._connections = Local(caches.thread_critical)
        # Transactional tests flush the tables and content types come back with
        # new ids: the long-lived server must not keep the old ids cached.
        from django.core.signals import request_started

        request_started.connect(_clear_content_type_cache, weak=False)
        # The fork copies asgiref's single-thread executor but not its worker
        # thread (started by async tests that ran earlier in this process):
        # WebSocket consumers' database calls would wait on it forever.
        from concurrent.futures import ThreadPoolExecutor

        from asgiref.sync import SyncToAsync

        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)


def _clear_content_type_cache(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


class Mailbox:
    """What the test session's SMTP server received (aiosmtpd, a real server
    on a loopback port; the live Daphne server sends its mail there)."""

    def __init__(self):
        import threading

        self.messages = []
        self._changed = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._changed:
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "from": envelope.mail_from,
                    "message": message,
                }
            )
            self._changed.notify_all()
        return "250 OK"

    def wait_for(self, predicate, timeout=15):
        """The first message matching `predicate`, waiting for it to arrive."""
        with self._changed:
            found = self._changed.wait_for(
                lambda: next((m for m in self.messages if predicate(m)), None),
                timeout=timeout,
            )
        if not found:
            raise AssertionError(f"no such mail; got {self.messages!r}")
        return found


@pytest.fixture(scope="session")
def smtp_server():
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    yield mailbox
    controller.stop()


@pytest.fixture(scope="session")
def daphne_server(django_db_setup, django_db_blocker, smtp_server):
    from functools import partial

    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                pytest.fail("daphne_server needs a file-backed test database")
        connections.close_all()
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=None),
        setup=_UnblockDatabase(django_db_blocker, smtp_port=smtp_server.port),
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        error = "" if process.errors.empty() else process.errors.get(False)[1]
        pytest.fail(f"Daphne did not start: {error}")
    url = f"http://127.0.0.1:{process.port.value}"
    yield url
    process.terminate()
    process.join(timeout=10)


# --- browser -----------------------------------------------------------------


# Module scope: Playwright's sync API leaves an event loop marked running in this
# thread; stopping it after each browser module lets later sync tests in the same
# xdist worker call async_to_sync again.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` to install it")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_context(browser):
    """Factory for isolated browser contexts (two users = two contexts)."""
    contexts = []

    def factory(**kwargs):
        kwargs.setdefault("locale", "fr-FR")
        kwargs.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**kwargs)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def login(page, base_url, username, password="demo"):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


AXE_JS = Path(__file__).resolve().parent / "e2e" / "vendor" / "axe.min.js"


def axe_violations(page, *, impact=("serious", "critical")):
    """Run axe-core in the page; return violations of the given impact levels.

    Finite animations (a message sliding in, a fade) are let finish first: a
    colour caught half-way would be reported as a contrast failure."""
    try:
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running'"
            " || a.effect?.getTiming().iterations === Infinity)",
            timeout=3000,
        )
    except PlaywrightTimeoutError:
        pass  # an animation that never settles (the admin's) is checked as it is
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impact
    ]


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def roots(tmp_path, settings):
    """(MEDIA_ROOT, PRIVATE_MEDIA_ROOT), both fresh folders of this test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT
