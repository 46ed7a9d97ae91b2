"""Abuse limits: login throttling on both login forms, API token scopes and
revocation through the real /api/leads/ endpoint, per-IP limits on the public
quote form and on invite links, security headers, production HSTS settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import Client

from hub.services import api_token_create, api_token_revoke
from tests.hub.test_settings import PROD_ENV, ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("login_path", ["/accounts/login/", "/_util/login/"])
def test_both_login_forms_share_one_throttle(world, login_path):
    client = Client()
    for _ in range(5):
        wrong = client.post(login_path, {"username": "sales", "password": "nope"})
        assert wrong.status_code == 200
    for path in ("/accounts/login/", "/_util/login/"):
        locked = client.post(path, {"username": "sales", "password": "demo"})
        assert locked.status_code == 429, path
    assert "_auth_user_id" not in client.session
    other_ip = Client(REMOTE_ADDR="10.1.2.3")
    ok = other_ip.post(login_path, {"username": "sales", "password": "demo"})
    assert ok.status_code == 302


def _api(raw, method="get", path="/api/leads/", **data):
    client = Client()
    call = getattr(client, method)
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if method != "get":
        kwargs["content_type"] = "application/json"
    return call(path, data or None, **kwargs)


def test_token_scopes_and_revocation_through_the_api(world):
    sales = world.users["sales"]
    read_token, read_raw = api_token_create(user=sales, name="tableau", scope="read")
    write_token, write_raw = api_token_create(user=sales, name="script", scope="write")
    body = {"source": "api", "company": {"name": "Clôtures par API"}}

    assert _api(read_raw).status_code == 200
    refused = _api(read_raw, "post", **body)
    assert refused.status_code == 403
    assert (
        _api(read_raw, "patch", f"/api/leads/{world.lead.pk}/", note="x").status_code
        == 403
    )
    created = _api(write_raw, "post", **body)
    assert created.status_code == 201
    lead_id = created.json()["lead"]["id"]
    assert (
        _api(write_raw, "patch", f"/api/leads/{lead_id}/", note="rappeler").status_code
        == 200
    )

    api_token_revoke(token=write_token, by=sales)
    assert _api(write_raw).status_code == 401
    assert _api(write_raw, "post", **body).status_code == 401
    assert _api("hub_not-a-real-token").status_code == 401
    assert _api(read_raw).status_code == 200  # the other token still works


def test_a_token_carries_its_owners_rights_not_more(world):
    """A Staff member's token sees only their own finds, like their session."""
    _token, raw = api_token_create(user=world.users["staff"], name="perso")
    ids = {row["id"] for row in _api(raw).json()["results"]}
    assert ids == {world.own_lead.pk}
    assert _api(raw, path=f"/api/leads/{world.lead.pk}/").status_code in (403, 404)


def test_token_of_a_deactivated_user_stops_working(world):
    _token, raw = api_token_create(user=world.users["sales"], name="script")
    world.users["sales"].is_active = False
    world.users["sales"].save()
    assert _api(raw).status_code == 401


def test_quote_form_is_limited_per_ip(world, settings):
    from tests.microsites.test_contact import form_data

    settings.MICROSITES_RATE_LIMIT = 3
    client = Client(HTTP_HOST="portails-bordeaux.test")
    codes = [
        client.post("/devis/", form_data(e_mail=f"p{n}@x.example")).status_code
        for n in range(4)
    ]
    assert codes == [303, 303, 303, 429]
    other = Client(HTTP_HOST="portails-bordeaux.test", REMOTE_ADDR="10.9.9.9")
    assert other.post("/devis/", form_data(e_mail="z@x.example")).status_code == 303


def test_invite_links_are_limited_per_ip(world):
    from video import views

    path = "/video/invite/" + world.kwargs["token"] + "/"
    client = Client()
    codes = {client.get(path).status_code for _ in range(views.INVITE_OPENS_PER_IP)}
    assert codes == {200}
    assert client.get(path).status_code == 429
    assert client.get("/video/invite/guessed-token/").status_code == 429
    assert Client(REMOTE_ADDR="10.9.9.9").get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "host"),
    [("/", "localhost"), ("/war-room/", "localhost"), ("/", "portails-bordeaux.test")],
)
def test_security_headers(world, path, host):
    client = world.client("sales")
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    for directive in ("script-src", "connect-src", "img-src", "style-src"):
        sources = csp[directive].split()
        assert sources[0] == "'self'"
        assert not [s for s in sources if s.startswith(("http:", "https:", "*"))]
        assert "'unsafe-eval'" not in sources
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=(self)" in response["Permissions-Policy"]


def test_production_settings_turn_on_hsts_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SERVE_MEDIA, s.DEBUG)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(PROD_ENV, DJANGO_SETTINGS_MODULE="hub.settings.production")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "False",
        "False",
    ]


def test_a_staff_export_holds_only_their_own_finds(world):
    client = world.client("staff")
    for path in ("/war-room/export.csv", "/war-room/export.xlsx"):
        response = client.get(path)
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        if path.endswith(".xlsx"):
            import io

            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        else:
            text = content.decode("utf-8-sig")
        assert "Grillages Benali" in text, path
        assert "Clôtures Martin" not in text, path
