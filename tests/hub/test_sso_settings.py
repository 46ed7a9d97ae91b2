"""Company sign-in configuration read from the environment, the role map it
builds, and the role sync both backends share."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django_auth_ldap.config import GroupOfNamesType, NestedActiveDirectoryGroupType

from hub import roles
from hub.models import AuditEntry
from hub.settings.sso import LDAP_BACKEND, LOCAL_BACKEND, OIDC_BACKEND, sso_settings
from hub.sso.mapping import RoleMapping, parse_role_map
from hub.sso.services import user_roles_sync
from tests.conftest import make_user
from tests.hub.test_settings import PROD_ENV, run_manage

LDAP = {
    "LDAP_SERVER_URI": "ldaps://ldap.grillages.test",
    "LDAP_USER_SEARCH_BASE": "ou=people,dc=grillages,dc=test",
    "LDAP_GROUP_SEARCH_BASE": "ou=groups,dc=grillages,dc=test",
    "LDAP_ROLE_MAP": "cn=ventes,ou=groups,dc=grillages,dc=test=Sales",
}
OIDC = {
    "OIDC_RP_CLIENT_ID": "hub",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_DISCOVERY_URL": "https://sso.grillages.test/.well-known/openid-configuration",
}
AD = {
    "LDAP_SERVER_URI": "ldap://dc1.corp.grillages.test",
    "LDAP_START_TLS": "true",
    "LDAP_BIND_DN": "CN=svc-hub,OU=Services,DC=corp,DC=grillages,DC=test",
    "LDAP_BIND_PASSWORD": "s3cret",
    "LDAP_USER_SEARCH_BASE": "OU=Staff,DC=corp,DC=grillages,DC=test",
    "LDAP_USER_FILTER": "(sAMAccountName=%(user)s)",
    "LDAP_GROUP_SEARCH_BASE": "OU=Groups,DC=corp,DC=grillages,DC=test",
    "LDAP_GROUP_TYPE": "nestedActiveDirectory",
    "LDAP_ROLE_MAP": "CN=Ventes,OU=Groups,DC=corp,DC=grillages,DC=test=Sales",
    "LDAP_DEFAULT_ROLE": "staff",
}


def test_nothing_set_means_local_accounts_only():
    values = sso_settings({"PATH": "/usr/bin"})

    assert values["AUTHENTICATION_BACKENDS"] == [LOCAL_BACKEND]
    assert values["OIDC_ENABLED"] is False
    assert not any(name.startswith("AUTH_LDAP_") for name in values)


def test_both_methods_come_before_local_accounts():
    values = sso_settings({**LDAP, **OIDC})

    assert values["AUTHENTICATION_BACKENDS"] == [
        LDAP_BACKEND,
        OIDC_BACKEND,
        LOCAL_BACKEND,
    ]
    assert values["OIDC_ENABLED"] is True
    assert values["OIDC_PROVIDER_NAME"] == "SSO"
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert values["OIDC_GROUPS_CLAIM"] == "groups"
    assert values["AUTH_LDAP_USER_SEARCH"].filterstr == "(uid=%(user)s)"
    assert isinstance(values["AUTH_LDAP_GROUP_TYPE"], GroupOfNamesType)
    assert values["HUB_LDAP_ROLE_MAPPING"].groups == {
        "cn=ventes,ou=groups,dc=grillages,dc=test": frozenset({roles.SALES})
    }


def test_active_directory_example_from_the_docs():
    values = sso_settings(AD)

    assert values["AUTH_LDAP_START_TLS"] is True
    assert values["AUTH_LDAP_USER_SEARCH"].filterstr == "(sAMAccountName=%(user)s)"
    assert values["AUTH_LDAP_GROUP_SEARCH"].filterstr == "(objectClass=group)"
    assert isinstance(values["AUTH_LDAP_GROUP_TYPE"], NestedActiveDirectoryGroupType)
    mapping = values["HUB_LDAP_ROLE_MAPPING"]
    assert mapping.default_role == roles.STAFF
    assert mapping.roles_for(
        ["CN=Ventes, OU=Groups, DC=corp, DC=grillages, DC=test"]
    ) == {roles.STAFF, roles.SALES}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {**LDAP, "LDAP_ROLE_MAP": "Sales"},
            "LDAP_ROLE_MAP: 'Sales' is not of the form",
        ),
        ({**LDAP, "LDAP_ROLE_MAP": "cn=x,dc=y=Boss"}, "LDAP_ROLE_MAP: 'Boss' in"),
        ({**OIDC, "OIDC_ROLE_MAP": "ventes"}, "OIDC_ROLE_MAP: 'ventes' is not of"),
        ({**LDAP, "LDAP_DEFAULT_ROLE": "Boss"}, "LDAP_DEFAULT_ROLE 'Boss' is not"),
        ({**LDAP, "LDAP_GROUP_TYPE": "flat"}, "LDAP_GROUP_TYPE 'flat' is unknown"),
        ({**LDAP, "LDAP_USER_FILTER": "(uid=jdupont)"}, "LDAP_USER_FILTER must"),
        ({**LDAP, "LDAP_TIMEOUT": "soon"}, "LDAP_TIMEOUT must be a number"),
        ({**LDAP, "LDAP_USER_SEARCH_BASE": ""}, "LDAP_USER_SEARCH_BASE is required"),
        ({**LDAP, "LDAP_GROUP_SEARCH_BASE": ""}, "LDAP_GROUP_SEARCH_BASE is required"),
        ({"LDAP_ROLE_MAP": "cn=x=Sales"}, "LDAP_ROLE_MAP set but LDAP_SERVER_URI"),
        ({"OIDC_OP_DISCOVERY_URL": "https://x"}, "but OIDC_RP_CLIENT_ID is not"),
        ({**OIDC, "OIDC_RP_CLIENT_SECRET": ""}, "OIDC_RP_CLIENT_SECRET is required"),
        (
            {**OIDC, "OIDC_OP_DISCOVERY_URL": ""},
            "OIDC_OP_AUTHORIZATION_ENDPOINT is required when OIDC_OP_DISCOVERY_URL",
        ),
        ({**OIDC, "OIDC_RP_SIGN_ALGO": "none"}, "OIDC_RP_SIGN_ALGO 'none' is not"),
    ],
)
def test_bad_configuration_names_the_variable(env, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        sso_settings(env)


def test_rs256_with_endpoints_given_one_by_one_needs_the_jwks_endpoint():
    env = {
        **OIDC,
        "OIDC_OP_DISCOVERY_URL": "",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso/auth",
        "OIDC_OP_TOKEN_ENDPOINT": "https://sso/token",
        "OIDC_OP_USER_ENDPOINT": "https://sso/userinfo",
    }
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_JWKS_ENDPOINT"):
        sso_settings(env)
    assert sso_settings({**env, "OIDC_RP_SIGN_ALGO": "HS256"})["OIDC_ENABLED"]


def test_role_map_entries_one_per_line_and_repeated_groups():
    groups = parse_role_map(
        "cn=direction,dc=x=Managers\n cn=direction,dc=x=sales ;; cn=web,dc=x=Editors"
    )

    assert groups == {
        "cn=direction,dc=x": frozenset({roles.MANAGERS, roles.SALES}),
        "cn=web,dc=x": frozenset({roles.EDITORS}),
    }


def test_the_hub_refuses_to_start_on_a_bad_role_map():
    result = run_manage(
        "check",
        settings="hub.settings.dev",
        extra_env={**LDAP, "LDAP_ROLE_MAP": "cn=ventes,dc=x=Vendeurs"},
    )

    assert result.returncode != 0
    assert "LDAP_ROLE_MAP: 'Vendeurs'" in result.stderr


def test_check_deploy_stays_clean_with_both_sign_in_methods():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="hub.settings.production",
        extra_env={**PROD_ENV, **AD, **OIDC},
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_role_sync_leaves_roles_the_mapping_does_not_manage():
    user = make_user("jdupont", roles.SALES, roles.MANAGERS, superuser=True)
    roles.group_names(user)  # cached on the object, as a page would have it
    mapping = RoleMapping(
        groups=parse_role_map("cn=ventes,dc=x=Sales;cn=web,dc=x=Editors"),
        default_role=roles.STAFF,
    )

    changes = user_roles_sync(
        user=user, groups=["CN=Web,DC=x"], mapping=mapping, source="ldap"
    )

    assert changes == {"added": [roles.EDITORS, roles.STAFF], "removed": [roles.SALES]}
    assert roles.group_names(user) == {roles.STAFF, roles.EDITORS, roles.MANAGERS}
    user.refresh_from_db()
    assert user.is_superuser is True  # no superuser group: the flag is not touched


@pytest.mark.django_db
def test_role_sync_writes_no_audit_entry_when_nothing_changes():
    user = make_user("jdupont", roles.STAFF)
    mapping = RoleMapping(default_role=roles.STAFF, superuser_group="cn=direction")

    assert user_roles_sync(user=user, groups=[], mapping=mapping, source="oidc") == {}
    assert not AuditEntry.objects.exists()
    assert Group.objects.filter(name=roles.STAFF, user=user).exists()
