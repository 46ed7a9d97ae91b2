"""OpenID Connect sign-in (Keycloak, Entra ID/Azure AD, Authentik, ADFS…).

mozilla-django-oidc runs the authorization-code flow (state, nonce, PKCE, ID token
signature); this module adds what the hub needs around it: endpoints found by
discovery (OIDC_OP_DISCOVERY_URL) when they are not given one by one, accounts
matched by a username claim instead of the e-mail, a check that the ID token was
issued for this client, and the shared role mapping on every login.
"""

from __future__ import annotations

import hashlib
import logging

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .mapping import normalize_group
from .services import user_profile_sync, user_roles_sync

logger = logging.getLogger(__name__)

# Setting name → key of the provider's /.well-known/openid-configuration.
DISCOVERED_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_CACHE_SECONDS = 3600


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def provider_metadata() -> dict:
    """The discovery document, cached an hour so sign-ins do not fetch it each
    time (and a restart is not needed when the provider moves an endpoint)."""
    url = settings.OIDC_OP_DISCOVERY_URL
    key = "oidc-discovery:" + hashlib.sha256(url.encode()).hexdigest()
    metadata = cache.get(key)
    if metadata is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            metadata = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(f"discovery at {url} failed: {exc}") from exc
        if not isinstance(metadata, dict) or "authorization_endpoint" not in metadata:
            raise ProviderUnavailable(f"{url} is not an OpenID configuration")
        cache.set(key, metadata, DISCOVERY_CACHE_SECONDS)
    return metadata


def oidc_setting(name: str, *default):
    """mozilla-django-oidc's settings reader, with endpoints left empty in the
    environment taken from discovery."""
    if name in DISCOVERED_ENDPOINTS:
        value = getattr(settings, name, "")
        if not value and settings.OIDC_OP_DISCOVERY_URL:
            value = provider_metadata().get(DISCOVERED_ENDPOINTS[name], "")
        return value or (default[0] if default else value)
    return import_from_settings(name, *default)


def claim_groups(claims: dict) -> list[str]:
    """The groups claim as a list (a provider may send one group as a string)."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    return [value] if isinstance(value, str) else [str(group) for group in value]


class CompanyOIDCBackend(OIDCAuthenticationBackend):
    """Signs in the user the provider vouches for, creating the account on first
    login, and maps the groups claim to hub roles each time."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for each password login and each request
        # of a signed-in user; reading endpoints here could mean a discovery
        # fetch each time. They are read in authenticate(), for callbacks only.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not {"code", "state"} <= request.GET.keys():
            return None
        OIDCAuthenticationBackend.__init__(self)
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # As ModelBackend: deactivating the account ends its open sessions
        # (mozilla-django-oidc's get_user would keep them).
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # mozilla-django-oidc does not check the audience: a token the provider
        # issued to another of its clients must not sign anyone in here.
        audience = payload.get("aud") or []
        audiences = [audience] if isinstance(audience, str) else audience
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience is not this client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        # Entra ID sends groups in the ID token only; userinfo wins where both say.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims):
        if not self.username_from(claims):
            logger.warning("OIDC claims lack %s", settings.OIDC_USERNAME_CLAIM)
            return False
        required = settings.OIDC_REQUIRE_GROUP
        if required and required not in map(normalize_group, claim_groups(claims)):
            logger.info(
                "OIDC user %s is not in %s", self.username_from(claims), required
            )
            return False
        return True

    @staticmethod
    def username_from(claims) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip().lower()

    def filter_users_by_claims(self, claims):
        # The same username as the directory's, so LDAP and OIDC (and a local
        # account of that name) are one account, never a second one by e-mail.
        return self.UserModel.objects.filter(
            username__iexact=self.username_from(claims)
        )

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(self.username_from(claims))
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user_profile_sync(
            user=user,
            first_name=str(claims.get("given_name") or ""),
            last_name=str(claims.get("family_name") or ""),
            email=str(claims.get("email") or ""),
        )
        user_roles_sync(
            user=user,
            groups=claim_groups(claims),
            mapping=settings.HUB_OIDC_ROLE_MAPPING,
            source="oidc",
        )
        return user
