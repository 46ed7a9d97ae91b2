"""Machinery of the permission matrix: enumerate routes, build a real path for
each, run one request per (route, method, role) and name its outcome.

Outcomes: "200", "400", "403", "404", "405", "410", "429", "401", "409" ... the
status code; "login" = a redirect to a login page; "302" = any other redirect.
WebSocket outcomes: "accept" or the close code ("4401", "4403", "4404" ...).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from http.cookies import SimpleCookie

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

LOGIN_PATHS = ("/accounts/login/", "/_util/login/", "/cms/login/")

# Wagtail admin has ~200 internal routes guarded by its own `access_admin`
# permission (tested by Wagtail). Rule: every /cms/ route is skipped except these
# representative ones, which prove who gets into the admin at all (dashboard,
# page explorer, page editor, page history/revisions, user management).
CMS_REPRESENTATIVES = (
    "cms/",
    "cms/pages/<int:parent_page_id>/",
    "cms/pages/<int:page_id>/edit/",
    "cms/pages/<int:page_id>/revisions/",
    "cms/pages/<int:page_id>/unpublish/",
    "cms/users/",
)


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def hub_routes() -> list[str]:
    """Every route of the hub's URLconf, minus Wagtail admin internals."""
    routes = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith("cms/") and route not in CMS_REPRESENTATIVES:
            continue
        routes.append(route)
    return routes


def public_routes() -> list[str]:
    """Every route a microsite host serves (microsites.public_urls)."""
    return list(walk(get_resolver("microsites.public_urls").url_patterns))


_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def fill(route: str, kwargs: dict) -> str:
    """'war-room/leads/<int:pk>/' → '/war-room/leads/12/'."""
    return "/" + _CONVERTER.sub(lambda m: str(kwargs[m.group(1)]), route)


def outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if any(p in location for p in LOGIN_PATHS):
            return "login"
        return "302"
    return str(response.status_code)


@contextmanager
def rolled_back():
    """Each cell runs in a savepoint rolled back afterwards: a POST that deletes
    the lead for one role leaves it in place for the next."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Sessions:
    """One logged-in cookie jar per role, copied into a fresh client per cell
    (so a logout in one cell does not log the next one out)."""

    def __init__(self, world):
        self.cookies = {}
        for role in ("anon", "guest", "staff", "sales", "editor", "manager", "admin"):
            self.cookies[role] = SimpleCookie(world.client(role).cookies)

    def client(self, role: str, **kwargs) -> Client:
        client = Client(raise_request_exception=False, **kwargs)
        client.cookies = SimpleCookie(self.cookies[role])
        return client


def request(client: Client, method: str, path: str, **extra):
    call = getattr(client, method.lower())
    if method in ("POST", "PUT", "PATCH"):
        return call(path, data={}, **extra)
    return call(path, **extra)


def parse_row(row: str) -> list[str]:
    return row.split()
