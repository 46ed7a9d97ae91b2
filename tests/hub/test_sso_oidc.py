"""OpenID Connect sign-in, the whole round trip: the login page's button, the
hub's redirect, a real (minimal) provider over HTTP that authorizes, issues a
signed ID token and answers userinfo, then the hub's callback."""

from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.cache import cache

from hub import roles
from hub.models import AuditEntry
from hub.settings.sso import LOCAL_BACKEND, OIDC_BACKEND
from tests.conftest import make_user
from tests.hub.sso_servers import (
    Provider,
    free_port,
    running_provider,
    use_sso_settings,
)

pytestmark = pytest.mark.django_db

CLIENT_SECRET = "a-client-secret-long-enough-for-hs256-keys"
PROVIDER_NAME = "Keycloak Grillages"
JEANNE = {
    "sub": "8c1f",
    "preferred_username": "JDupont",
    "email": "jeanne.dupont@grillages.test",
    "given_name": "Jeanne",
    "family_name": "Dupont",
    "groups": ["/hub/ventes"],
}


@pytest.fixture(scope="module")
def provider_server():
    with running_provider(Provider(client_id="hub", client_secret=CLIENT_SECRET)) as p:
        yield p


@pytest.fixture
def provider(provider_server):
    provider_server.claims = dict(JEANNE)
    provider_server.algorithm = "RS256"
    provider_server.forced_nonce = provider_server.forced_audience = None
    # Discovery is cached; each test starts from its own configuration.
    cache.clear()
    return provider_server


def oidc_env(provider, **overrides):
    env = {
        "OIDC_RP_CLIENT_ID": "hub",
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_OP_DISCOVERY_URL": provider.discovery_url,
        "OIDC_PROVIDER_NAME": PROVIDER_NAME,
        "OIDC_ROLE_MAP": "/hub/ventes=Sales;/hub/redaction=Editors",
        "OIDC_DEFAULT_ROLE": "Staff",
        "OIDC_SUPERUSER_GROUP": "/hub/direction",
    }
    return {**env, **overrides}


@pytest.fixture
def oidc(settings, provider):
    use_sso_settings(settings, oidc_env(provider))
    return provider


def to_provider(client, next_url="/wiki/"):
    """The hub's redirect, then the provider's answer: the callback URL."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    return urlsplit(answer.headers["Location"])


def callback(client, url, **changed):
    query = {**dict(parse_qsl(url.query)), **changed}
    return client.get(url.path, query)


def sign_in(client, next_url="/wiki/"):
    return callback(client, to_provider(client, next_url))


def signed_in_backend(client):
    return client.session.get("_auth_user_backend")


def role_names(user):
    return set(user.groups.values_list("name", flat=True))


def refused_with_message(client, response, text, login="/accounts/login/?next=/wiki/"):
    assert response.status_code == 302
    assert response.url == login
    assert signed_in_backend(client) is None
    page = client.get(response.url).content.decode()
    assert text in page


def test_login_page_offers_the_provider(client, oidc):
    page = client.get("/accounts/login/?next=/wiki/").content.decode()

    assert f"Se connecter avec {PROVIDER_NAME}" in page
    assert 'href="/oidc/authenticate/?next=/wiki/"' in page


def test_login_page_has_no_provider_button_when_not_configured(client):
    page = client.get("/accounts/login/").content.decode()

    assert "data-sso-oidc" not in page
    assert "Se connecter avec" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404


def test_first_sign_in_creates_the_user_with_mapped_roles(client, oidc):
    response = sign_in(client)

    assert response.status_code == 302
    assert response.url == "/wiki/"
    assert signed_in_backend(client) == OIDC_BACKEND
    user = get_user_model().objects.get(username="jdupont")
    assert (user.first_name, user.last_name) == ("Jeanne", "Dupont")
    assert user.email == "jeanne.dupont@grillages.test"
    assert not user.has_usable_password()
    assert role_names(user) == {roles.STAFF, roles.SALES}
    entry = AuditEntry.objects.get(action="user.roles_sync")
    assert entry.changes["source"] == "oidc"
    assert entry.changes["added"] == [roles.SALES, roles.STAFF]


def test_next_sign_in_follows_the_provider_groups_and_profile(client, oidc):
    sign_in(client)
    client.logout()
    oidc.claims["groups"] = ["/HUB/Redaction", "/hub/direction"]
    oidc.claims["family_name"] = "Dupont-Moreau"

    assert sign_in(client).status_code == 302

    user = get_user_model().objects.get(username="jdupont")
    assert role_names(user) == {roles.STAFF, roles.EDITORS}
    assert (user.is_superuser, user.last_name) == (True, "Dupont-Moreau")
    latest = AuditEntry.objects.filter(action="user.roles_sync").first()
    assert latest.changes["removed"] == [roles.SALES]
    assert latest.changes["superuser"] is True


def test_forged_state_is_refused(client, oidc):
    url = to_provider(client)

    response = callback(client, url, state="forged-by-someone")

    refused_with_message(client, response, f"La connexion avec {PROVIDER_NAME}")
    assert not get_user_model().objects.filter(username="jdupont").exists()


def test_callback_without_a_started_sign_in_is_refused(client, oidc):
    response = client.get("/oidc/callback/", {"code": "stolen", "state": "any"})

    refused_with_message(client, response, "a échoué", login="/accounts/login/")


def test_id_token_with_another_nonce_is_refused(client, oidc):
    oidc.forced_nonce = "replayed-nonce"

    refused_with_message(client, sign_in(client), "a échoué")
    assert not get_user_model().objects.filter(username="jdupont").exists()


def test_id_token_issued_to_another_client_is_refused(client, oidc):
    oidc.forced_audience = "the-crm"

    refused_with_message(client, sign_in(client), "a échoué")


def test_provider_refusal_is_shown_on_the_login_page(client, oidc):
    url = to_provider(client)

    response = callback(client, url, error="access_denied", code="")

    refused_with_message(client, response, "a échoué")


def test_required_group_keeps_other_provider_users_out(client, settings, provider):
    use_sso_settings(settings, oidc_env(provider, OIDC_REQUIRE_GROUP="/hub/users"))

    refused_with_message(client, sign_in(client), "a échoué")

    provider.claims["groups"] = ["/hub/users"]
    assert sign_in(client).status_code == 302
    assert role_names(get_user_model().objects.get(username="jdupont")) == {roles.STAFF}


def test_endpoints_given_one_by_one_with_hs256(client, settings, provider):
    endpoints = provider.metadata()
    env = oidc_env(
        provider,
        OIDC_OP_DISCOVERY_URL="",
        OIDC_OP_AUTHORIZATION_ENDPOINT=endpoints["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=endpoints["token_endpoint"],
        OIDC_OP_USER_ENDPOINT=endpoints["userinfo_endpoint"],
        OIDC_RP_SIGN_ALGO="HS256",
    )
    use_sso_settings(settings, env)
    provider.algorithm = "HS256"

    assert sign_in(client).status_code == 302
    assert signed_in_backend(client) == OIDC_BACKEND


def test_provider_down_sends_back_to_the_login_form(client, settings, provider):
    down = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    use_sso_settings(settings, oidc_env(provider, OIDC_OP_DISCOVERY_URL=down))

    response = client.get("/oidc/authenticate/", {"next": "/wiki/"})

    refused_with_message(client, response, f"{PROVIDER_NAME} ne répond pas")


def test_local_accounts_still_sign_in_and_provider_users_have_no_password(client, oidc):
    make_user("atelier-local", roles.STAFF, password="local-pass")
    sign_in(client)
    client.logout()

    local = {"username": "atelier-local", "password": "local-pass"}
    assert client.post("/accounts/login/", local).status_code == 302
    assert signed_in_backend(client) == LOCAL_BACKEND
    client.logout()
    guess = {"username": "jdupont", "password": "anything"}
    assert client.post("/accounts/login/", guess).status_code == 200


def test_oidc_routes_are_hub_only(client, oidc):
    response = client.get("/oidc/authenticate/", HTTP_HOST="portails-bordeaux.test")

    assert response.status_code == 404


def test_deactivated_provider_user_is_signed_out_and_refused(client, oidc):
    sign_in(client)
    assert client.get("/accounts/").status_code == 200
    get_user_model().objects.filter(username="jdupont").update(is_active=False)

    assert client.get("/accounts/").status_code == 302
    response = sign_in(client)
    assert response.url == "/accounts/login/?next=/wiki/"
    assert "a échoué" in client.get(response.url).content.decode()
    assert client.get("/accounts/").status_code == 302


def test_token_endpoint_down_at_callback_sends_back_with_a_message(
    client, settings, provider
):
    endpoints = provider.metadata()
    env = oidc_env(
        provider,
        OIDC_OP_DISCOVERY_URL="",
        OIDC_OP_AUTHORIZATION_ENDPOINT=endpoints["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=f"http://127.0.0.1:{free_port()}/token",
        OIDC_OP_USER_ENDPOINT=endpoints["userinfo_endpoint"],
        OIDC_OP_JWKS_ENDPOINT=endpoints["jwks_uri"],
    )
    use_sso_settings(settings, env)

    refused_with_message(client, sign_in(client), f"{PROVIDER_NAME} ne répond pas")
