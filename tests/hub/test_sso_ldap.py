"""LDAP sign-in through the real login form against a real slapd (Debian's),
started on a free port with a throwaway directory for this module."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from hub import roles
from hub.models import AuditEntry
from hub.settings.sso import LDAP_BACKEND, LOCAL_BACKEND
from tests.conftest import make_user
from tests.hub.sso_servers import (
    GROUPS,
    PEOPLE,
    POSIX_GROUPS,
    SERVICE_DN,
    SERVICE_PASSWORD,
    free_port,
    group_dn,
    running_slapd,
    use_sso_settings,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
UNAVAILABLE = "L’annuaire de l’entreprise ne répond pas"
WRONG_PASSWORD = "Saisissez un nom d’utilisateur et un mot de passe valides"


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    with running_slapd(tmp_path_factory.mktemp("slapd")) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # Failed logins are counted in the cache; one test's must not lock the next.
    cache.clear()


def ldap_env(uri, **overrides):
    env = {
        "LDAP_SERVER_URI": uri,
        "LDAP_BIND_DN": SERVICE_DN,
        "LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "LDAP_USER_SEARCH_BASE": PEOPLE,
        "LDAP_GROUP_SEARCH_BASE": GROUPS,
        "LDAP_ROLE_MAP": (
            f"{group_dn('ventes')}=Sales;\n  {group_dn('redaction')}=Editors"
        ),
        "LDAP_DEFAULT_ROLE": "Staff",
        "LDAP_SUPERUSER_GROUP": group_dn("direction"),
        "LDAP_TIMEOUT": "3",
    }
    return {**env, **overrides}


@pytest.fixture
def ldap_settings(settings, directory):
    use_sso_settings(settings, ldap_env(directory.uri))
    return settings


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in_backend(client):
    return client.session.get("_auth_user_backend")


def role_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_directory_user_signs_in_with_mapped_roles_and_profile(client, ldap_settings):
    response = log_in(client, "JDupont", "jeanne-pass")

    assert response.status_code == 302
    assert signed_in_backend(client) == LDAP_BACKEND
    user = get_user_model().objects.get(username="jdupont")
    assert (user.first_name, user.last_name) == ("Jeanne", "Dupont")
    assert user.email == "jdupont@grillages.test"
    assert not user.has_usable_password()
    assert role_names(user) == {roles.STAFF, roles.SALES}
    assert not user.is_superuser
    entry = AuditEntry.objects.get(action="user.roles_sync")
    assert entry.target_repr == "jdupont"
    assert entry.changes == {
        "source": "ldap",
        "added": [roles.SALES, roles.STAFF],
        "removed": [],
    }


def test_wrong_directory_password_is_refused(client, ldap_settings):
    response = log_in(client, "jdupont", "not-her-password")

    assert response.status_code == 200
    assert WRONG_PASSWORD in response.content.decode()
    assert signed_in_backend(client) is None


def test_leaving_a_directory_group_takes_the_role_away(
    client, ldap_settings, directory
):
    log_in(client, "jdupont", "jeanne-pass")
    user = get_user_model().objects.get(username="jdupont")
    # A role the mapping never mentions, given by hand, is not the directory's.
    user.groups.add(Group.objects.get(name=roles.MANAGERS))
    client.logout()

    with directory.without_member("ventes", "jdupont"):
        assert log_in(client, "jdupont", "jeanne-pass").status_code == 302

    assert role_names(user) == {roles.STAFF, roles.MANAGERS}
    latest = AuditEntry.objects.filter(action="user.roles_sync").first()
    assert latest.changes["removed"] == [roles.SALES]


def test_superuser_group_grants_and_then_revokes_the_flag(
    client, ldap_settings, directory
):
    log_in(client, "mmartin", "marc-pass")
    user = get_user_model().objects.get(username="mmartin")
    assert (user.is_superuser, user.is_staff) == (True, True)
    assert role_names(user) == {roles.STAFF, roles.EDITORS}
    client.logout()

    with directory.without_member("direction", "mmartin"):
        log_in(client, "mmartin", "marc-pass")

    user.refresh_from_db()
    assert (user.is_superuser, user.is_staff) == (False, False)
    assert AuditEntry.objects.filter(
        action="user.roles_sync", changes__superuser=False
    ).exists()


def test_stranger_refused_while_local_account_signs_in(client, ldap_settings):
    local = make_user("atelier-local", roles.STAFF, password="local-pass")

    assert log_in(client, "nobody", "whatever").status_code == 200
    assert signed_in_backend(client) is None

    assert log_in(client, "atelier-local", "local-pass").status_code == 302
    assert signed_in_backend(client) == LOCAL_BACKEND
    assert role_names(local) == {roles.STAFF}
    assert not AuditEntry.objects.filter(action="user.roles_sync").exists()


def test_directory_down_local_accounts_work_and_directory_users_are_told(
    client, settings
):
    use_sso_settings(settings, ldap_env(f"ldap://127.0.0.1:{free_port()}"))
    make_user("atelier-local", roles.STAFF, password="local-pass")

    response = log_in(client, "jdupont", "jeanne-pass")
    assert response.status_code == 200
    assert UNAVAILABLE in response.content.decode()
    assert signed_in_backend(client) is None

    assert log_in(client, "atelier-local", "local-pass").status_code == 302
    assert signed_in_backend(client) == LOCAL_BACKEND


def test_refused_service_bind_is_a_clear_error_not_a_500(client, settings, directory):
    env = ldap_env(directory.uri, LDAP_BIND_PASSWORD="not-the-service-password")
    use_sso_settings(settings, env)
    make_user("atelier-local", roles.STAFF, password="local-pass")

    response = log_in(client, "jdupont", "jeanne-pass")
    assert response.status_code == 200
    assert UNAVAILABLE in response.content.decode()
    assert log_in(client, "atelier-local", "local-pass").status_code == 302


def test_throttling_counts_directory_failures(client, ldap_settings):
    for _attempt in range(5):
        log_in(client, "jdupont", "guess")

    response = log_in(client, "jdupont", "jeanne-pass")

    assert response.status_code == 429
    assert signed_in_backend(client) is None


def test_required_group_keeps_other_directory_users_out(client, settings, directory):
    env = ldap_env(directory.uri, LDAP_REQUIRE_GROUP=group_dn("hub-users"))
    use_sso_settings(settings, env)

    assert log_in(client, "pleroy", "paul-pass").status_code == 200
    assert not get_user_model().objects.filter(username="pleroy").exists()
    assert log_in(client, "jdupont", "jeanne-pass").status_code == 302


def test_posix_groups_map_to_roles(client, settings, directory):
    env = ldap_env(
        directory.uri,
        LDAP_GROUP_TYPE="posix",
        LDAP_GROUP_SEARCH_BASE=POSIX_GROUPS,
        LDAP_ROLE_MAP="CN=Atelier, OU=posix, DC=grillages, DC=test=editors",
        LDAP_SUPERUSER_GROUP="",
    )
    use_sso_settings(settings, env)

    assert log_in(client, "pleroy", "paul-pass").status_code == 302
    user = get_user_model().objects.get(username="pleroy")
    assert role_names(user) == {roles.STAFF, roles.EDITORS}


def test_failing_group_lookup_refuses_rather_than_strip_roles(
    client, ldap_settings, directory
):
    assert log_in(client, "jdupont", "jeanne-pass").status_code == 302
    client.logout()
    # Searching groups under a base that does not exist fails after the
    # password check, as a directory going away mid-login would.
    missing_base = "ou=nowhere,dc=grillages,dc=test"
    use_sso_settings(
        ldap_settings, ldap_env(directory.uri, LDAP_GROUP_SEARCH_BASE=missing_base)
    )

    response = log_in(client, "jdupont", "jeanne-pass")

    assert UNAVAILABLE in response.content.decode()
    assert signed_in_backend(client) is None
    user = get_user_model().objects.get(username="jdupont")
    assert role_names(user) == {roles.STAFF, roles.SALES}


def test_deactivated_directory_user_is_signed_out_and_refused(client, ldap_settings):
    log_in(client, "jdupont", "jeanne-pass")
    assert client.get("/accounts/").status_code == 200
    get_user_model().objects.filter(username="jdupont").update(is_active=False)

    assert client.get("/accounts/").status_code == 302
    assert log_in(client, "jdupont", "jeanne-pass").status_code == 200
    assert client.get("/accounts/").status_code == 302
