"""Who may call each API endpoint, by token and by session.

A request with an Authorization header is judged by that header alone: a bad
one is a 401 even beside a valid session cookie. Without the header, the
session works as in the browser (CSRF for POST/PATCH).
"""

import pytest
from django.test import Client
from django.utils import timezone

from hub.models import ApiToken
from hub.services import api_token_create, api_token_revoke
from prospecting.models import Lead

from .factories import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(sales_user):
    return make_lead("Portails du Sud", by=sales_user)


def endpoints(lead):
    """(method, path, JSON body, success status) for every operation."""
    return [
        ("get", "/api/leads/", None, 200),
        ("post", "/api/leads/", {"company": {"name": "Clôtures Neuves"}}, 201),
        ("get", "/api/leads/search/", None, 200),
        ("get", f"/api/leads/{lead.pk}/", None, 200),
        ("patch", f"/api/leads/{lead.pk}/", {"next_action": "Rappeler"}, 200),
        ("get", "/api/schema/", None, 200),
    ]


def call(client, method, path, body, **headers):
    if body is None:
        return getattr(client, method)(path, **headers)
    return getattr(client, method)(
        path, body, content_type="application/json", **headers
    )


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_a_sales_token_may_call_every_endpoint(sales_user, lead):
    _token, raw = api_token_create(user=sales_user, name="script")
    for method, path, body, ok in endpoints(lead):
        response = call(Client(), method, path, body, **bearer(raw))
        assert response.status_code == ok, (method, path, response.content)
    assert Lead.objects.filter(company__name="Clôtures Neuves").exists()
    assert ApiToken.objects.get(user=sales_user).last_used_at is not None


def test_without_credentials_every_endpoint_is_a_401(lead):
    for method, path, body, _ok in endpoints(lead):
        response = call(Client(), method, path, body)
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == "Bearer"
        if path != "/api/schema/":
            assert response.json()["code"] == "not_authenticated"


def test_an_account_without_a_role_is_refused_everywhere(outsider_user, lead):
    _token, raw = api_token_create(user=outsider_user, name="script")
    for method, path, body, _ok in endpoints(lead):
        by_token = call(Client(), method, path, body, **bearer(raw))
        assert by_token.status_code == 403, (method, path)
        by_session = call(logged_in(outsider_user), method, path, body)
        assert by_session.status_code == 403, (method, path)
    assert not Lead.objects.filter(company__name="Clôtures Neuves").exists()


def test_staff_read_their_own_leads_but_change_none(staff_user, sales_user, lead):
    _token, raw = api_token_create(user=staff_user, name="script")
    client = Client()
    own = make_lead("Ferronnerie Dupuis", by=staff_user)
    assert client.get(f"/api/leads/{own.pk}/", **bearer(raw)).status_code == 200
    assert client.get(f"/api/leads/{lead.pk}/", **bearer(raw)).status_code == 403
    refused = call(
        client, "patch", f"/api/leads/{own.pk}/", {"note": "x"}, **bearer(raw)
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"


def test_a_read_only_token_only_reads(sales_user, lead):
    _token, raw = api_token_create(user=sales_user, name="tableau", scope="read")
    for method, path, body, ok in endpoints(lead):
        response = call(Client(), method, path, body, **bearer(raw))
        expected = ok if method == "get" else 403
        assert response.status_code == expected, (method, path)


@pytest.fixture
def bad_headers(sales_user, staff_user):
    revoked, revoked_raw = api_token_create(user=sales_user, name="old")
    api_token_revoke(token=revoked, by=sales_user)
    _gone, gone_raw = api_token_create(user=staff_user, name="left")
    staff_user.is_active = False
    staff_user.save()
    _ok, raw = api_token_create(user=sales_user, name="ok")
    return {
        "unknown token": "Bearer hub_not-a-real-token",
        "revoked token": f"Bearer {revoked_raw}",
        "owner deactivated": f"Bearer {gone_raw}",
        "no token": "Bearer",
        "two tokens": f"Bearer {raw} {raw}",
        "other scheme": "Basic c2FsZXM6ZGVtbw==",
        "no scheme": raw,
        "empty": "",
    }


def test_a_bad_authorization_header_never_falls_back_to_the_session(
    sales_user, lead, bad_headers
):
    """The browser is logged in as Sales; a script's bad header still fails."""
    client = logged_in(sales_user)
    assert client.get("/api/leads/").status_code == 200  # the session is valid
    for name, header in bad_headers.items():
        for method, path, body, _ok in endpoints(lead):
            response = call(client, method, path, body, HTTP_AUTHORIZATION=header)
            assert response.status_code == 401, (name, method, path)
            assert response["WWW-Authenticate"] == "Bearer"
            if path != "/api/schema/":
                assert response.json()["code"] == "authentication_failed"
    assert not Lead.objects.filter(company__name="Clôtures Neuves").exists()


def test_a_token_acts_as_its_owner_whoever_is_logged_in(staff_user, sales_user, lead):
    _token, raw = api_token_create(user=staff_user, name="script")
    client = logged_in(sales_user)
    response = client.get(f"/api/leads/{lead.pk}/", **bearer(raw))
    assert response.status_code == 403  # staff's token, not the sales session


def test_the_session_alone_works_with_csrf_for_writes(sales_user, lead):
    client = logged_in(sales_user, enforce_csrf_checks=True)
    for method, path, body, ok in endpoints(lead):
        response = call(client, method, path, body)
        expected = ok if method == "get" else 403  # no CSRF token
        assert response.status_code == expected, (method, path)
    client.get("/war-room/")  # sets the CSRF cookie, as the board page does
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    for method, path, body, ok in endpoints(lead):
        assert call(client, method, path, body, **csrf).status_code == ok


def test_a_token_needs_no_csrf(sales_user, lead):
    _token, raw = api_token_create(user=sales_user, name="script")
    client = logged_in(sales_user, enforce_csrf_checks=True)
    for method, path, body, ok in endpoints(lead):
        assert call(client, method, path, body, **bearer(raw)).status_code == ok


def test_last_used_is_stamped_only_for_a_valid_token(sales_user):
    token, raw = api_token_create(user=sales_user, name="script")
    api_token_revoke(token=token, by=sales_user)
    before = timezone.now()
    Client().get("/api/leads/", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is None or token.last_used_at < before
