"""Company sign-in settings from the environment: LDAP/Active Directory and
OpenID Connect, each next to the local accounts, which always stay.

Nothing set gives local accounts only. A half-done configuration (a role map
without a server, a role that does not exist…) stops the start with an
ImproperlyConfigured naming the variable. Every variable is described in
docs/sign-in.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

from hub.sso.mapping import (
    RoleMapError,
    RoleMapping,
    normalize_group,
    parse_role_map,
    role_name,
)

LOCAL_BACKEND = "django.contrib.auth.backends.ModelBackend"
LDAP_BACKEND = "hub.sso.ldap.DirectoryBackend"
OIDC_BACKEND = "hub.sso.oidc.CompanyOIDCBackend"

LDAP_VARIABLES = (
    "LDAP_BIND_DN",
    "LDAP_BIND_PASSWORD",
    "LDAP_USER_SEARCH_BASE",
    "LDAP_USER_FILTER",
    "LDAP_GROUP_SEARCH_BASE",
    "LDAP_GROUP_TYPE",
    "LDAP_REQUIRE_GROUP",
    "LDAP_ROLE_MAP",
    "LDAP_DEFAULT_ROLE",
    "LDAP_SUPERUSER_GROUP",
    "LDAP_START_TLS",
    "LDAP_TIMEOUT",
)
OIDC_ENDPOINTS = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
OIDC_VARIABLES = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_DISCOVERY_URL",
    *OIDC_ENDPOINTS,
    "OIDC_RP_SIGN_ALGO",
    "OIDC_RP_SCOPES",
    "OIDC_PROVIDER_NAME",
    "OIDC_USERNAME_CLAIM",
    "OIDC_GROUPS_CLAIM",
    "OIDC_REQUIRE_GROUP",
    "OIDC_ROLE_MAP",
    "OIDC_DEFAULT_ROLE",
    "OIDC_SUPERUSER_GROUP",
    "OIDC_TIMEOUT",
)
SIGN_ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "HS256")

# LDAP_GROUP_TYPE → (django-auth-ldap class name, objectClass of the groups).
GROUP_TYPES = {
    "groupOfNames": ("GroupOfNamesType", "groupOfNames"),
    "nestedGroupOfNames": ("NestedGroupOfNamesType", "groupOfNames"),
    "groupOfUniqueNames": ("GroupOfUniqueNamesType", "groupOfUniqueNames"),
    "posix": ("PosixGroupType", "posixGroup"),
    "activeDirectory": ("ActiveDirectoryGroupType", "group"),
    "nestedActiveDirectory": ("NestedActiveDirectoryGroupType", "group"),
}


def sso_settings(env: Mapping[str, str] | None = None) -> dict:
    """Django settings for the sign-in methods configured in `env` (os.environ)."""
    env = {k: v.strip() for k, v in (os.environ if env is None else env).items()}
    directory, provider = ldap_settings(env), oidc_settings(env)
    backends = [LDAP_BACKEND] if directory else []
    backends += [OIDC_BACKEND] if provider else []
    return {
        # ModelBackend last: the local accounts, tried when the others say no.
        "AUTHENTICATION_BACKENDS": [*backends, LOCAL_BACKEND],
        "OIDC_ENABLED": False,
        "OIDC_PROVIDER_NAME": "",
        **directory,
        **provider,
    }


def ldap_settings(env: Mapping[str, str]) -> dict:
    uri = env.get("LDAP_SERVER_URI", "")
    if not uri:
        _refuse_without_switch(env, LDAP_VARIABLES, "LDAP_SERVER_URI")
        return {}
    import ldap
    from django_auth_ldap import config

    user_filter = env.get("LDAP_USER_FILTER") or "(uid=%(user)s)"
    if "%(user)s" not in user_filter:
        raise ImproperlyConfigured(
            f"LDAP_USER_FILTER must contain %(user)s, e.g. (uid=%(user)s); "
            f"got {user_filter!r}"
        )
    timeout = _seconds(env, "LDAP_TIMEOUT", 5)
    mapping = _role_mapping(env, "LDAP")
    result = {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": env.get("LDAP_BIND_DN", ""),
        "AUTH_LDAP_BIND_PASSWORD": env.get("LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_USER_SEARCH": config.LDAPSearch(
            _required(env, "LDAP_USER_SEARCH_BASE", "LDAP_SERVER_URI is set"),
            ldap.SCOPE_SUBTREE,
            user_filter,
        ),
        "AUTH_LDAP_USER_ATTR_MAP": {
            "first_name": "givenName",
            "last_name": "sn",
            "email": "mail",
        },
        "AUTH_LDAP_START_TLS": _flag(env, "LDAP_START_TLS"),
        # A directory that does not answer must not hang the login form; Active
        # Directory answers searches at the domain root with referrals that
        # python-ldap would chase with no credentials.
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_NETWORK_TIMEOUT: timeout,
            ldap.OPT_TIMEOUT: timeout,
            ldap.OPT_REFERRALS: 0,
        },
        "HUB_LDAP_ROLE_MAPPING": mapping,
    }
    require_group = normalize_group(env.get("LDAP_REQUIRE_GROUP", ""))
    if mapping.reads_groups or require_group or env.get("LDAP_GROUP_SEARCH_BASE"):
        result.update(_ldap_group_settings(env, ldap, config))
    if require_group:
        result["AUTH_LDAP_REQUIRE_GROUP"] = require_group
    return result


def _ldap_group_settings(env, ldap, config) -> dict:
    when = "LDAP_ROLE_MAP, LDAP_SUPERUSER_GROUP or LDAP_REQUIRE_GROUP is set"
    base = _required(env, "LDAP_GROUP_SEARCH_BASE", when)
    kind = env.get("LDAP_GROUP_TYPE") or "groupOfNames"
    if kind not in GROUP_TYPES:
        raise ImproperlyConfigured(
            f"LDAP_GROUP_TYPE {kind!r} is unknown; use one of {', '.join(GROUP_TYPES)}"
        )
    class_name, object_class = GROUP_TYPES[kind]
    return {
        "AUTH_LDAP_GROUP_SEARCH": config.LDAPSearch(
            base, ldap.SCOPE_SUBTREE, f"(objectClass={object_class})"
        ),
        "AUTH_LDAP_GROUP_TYPE": getattr(config, class_name)(),
    }


def oidc_settings(env: Mapping[str, str]) -> dict:
    client_id = env.get("OIDC_RP_CLIENT_ID", "")
    if not client_id:
        _refuse_without_switch(env, OIDC_VARIABLES, "OIDC_RP_CLIENT_ID")
        return {}
    discovery = env.get("OIDC_OP_DISCOVERY_URL", "")
    endpoints = {name: env.get(name, "") for name in OIDC_ENDPOINTS}
    algorithm = env.get("OIDC_RP_SIGN_ALGO") or "RS256"
    if algorithm not in SIGN_ALGORITHMS:
        raise ImproperlyConfigured(
            f"OIDC_RP_SIGN_ALGO {algorithm!r} is not supported; use one of "
            f"{', '.join(SIGN_ALGORITHMS)}"
        )
    if not discovery:
        needed = OIDC_ENDPOINTS if algorithm != "HS256" else OIDC_ENDPOINTS[:3]
        for name in needed:
            _required(env, name, "OIDC_OP_DISCOVERY_URL is not set")
    return {
        "OIDC_ENABLED": True,
        "OIDC_PROVIDER_NAME": env.get("OIDC_PROVIDER_NAME") or "SSO",
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": _required(
            env, "OIDC_RP_CLIENT_SECRET", "OIDC_RP_CLIENT_ID is set"
        ),
        "OIDC_OP_DISCOVERY_URL": discovery,
        **endpoints,
        "OIDC_RP_SIGN_ALGO": algorithm,
        "OIDC_RP_SCOPES": env.get("OIDC_RP_SCOPES") or "openid email profile",
        "OIDC_USE_PKCE": True,
        # mozilla-django-oidc waits forever by default.
        "OIDC_TIMEOUT": _seconds(env, "OIDC_TIMEOUT", 10),
        "OIDC_USERNAME_CLAIM": env.get("OIDC_USERNAME_CLAIM") or "preferred_username",
        "OIDC_GROUPS_CLAIM": env.get("OIDC_GROUPS_CLAIM") or "groups",
        "OIDC_REQUIRE_GROUP": normalize_group(env.get("OIDC_REQUIRE_GROUP", "")),
        "HUB_OIDC_ROLE_MAPPING": _role_mapping(env, "OIDC"),
    }


def _role_mapping(env: Mapping[str, str], prefix: str) -> RoleMapping:
    try:
        groups = parse_role_map(env.get(f"{prefix}_ROLE_MAP", ""))
    except RoleMapError as exc:
        raise ImproperlyConfigured(f"{prefix}_ROLE_MAP: {exc}") from exc
    default = env.get(f"{prefix}_DEFAULT_ROLE", "")
    if default and role_name(default) is None:
        raise ImproperlyConfigured(
            f"{prefix}_DEFAULT_ROLE {default!r} is not a hub role "
            "(Staff, Sales, Editors, Managers)"
        )
    return RoleMapping(
        groups=groups,
        default_role=role_name(default) if default else "",
        superuser_group=normalize_group(env.get(f"{prefix}_SUPERUSER_GROUP", "")),
    )


def _required(env: Mapping[str, str], name: str, when: str) -> str:
    value = env.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} is required when {when}")
    return value


def _refuse_without_switch(env, names, switch: str) -> None:
    stray = [name for name in names if env.get(name)]
    if stray:
        raise ImproperlyConfigured(
            f"{', '.join(stray)} set but {switch} is not: set {switch} or unset them"
        )


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").lower() in {"1", "true", "yes", "on"}


def _seconds(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds; got {raw!r}")
    return value
