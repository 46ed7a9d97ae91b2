"""LDAP / Active Directory sign-in through the hub's own login form.

django-auth-ldap checks the password against the directory and keeps the name and
e-mail in step (AUTH_LDAP_USER_ATTR_MAP); this backend adds the hub's role
mapping and tells the login form when the directory did not answer. It sits
before ModelBackend, so local accounts still sign in when the directory says no
or is down (directory users have no local password to fall back on).
"""

from __future__ import annotations

import logging

import ldap
from django.conf import settings
from django.dispatch import receiver
from django_auth_ldap.backend import LDAPBackend, ldap_error

from .services import user_roles_sync

logger = logging.getLogger(__name__)


def mark_directory_unavailable(request) -> None:
    """Read by hub.sso.forms to say "directory unavailable" instead of "wrong
    password" (the password was never checked)."""
    if request is not None:
        request.directory_unavailable = True


class DirectoryBackend(LDAPBackend):
    """LDAPBackend + hub roles from the user's directory groups on every login."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        self.request = request
        return super().authenticate(request, username, password, **kwargs)

    def get_user(self, user_id):
        # django-auth-ldap keeps a deactivated user's session alive; ModelBackend
        # ends it at the next request, and so does this.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        mapping = settings.HUB_LDAP_ROLE_MAPPING
        if user is None or mapping.is_empty:
            return user
        try:
            groups = ldap_user.group_dns if mapping.reads_groups else set()
        except ldap.LDAPError as exc:
            # Refuse rather than sign in with no groups: that would strip every
            # role because the directory hiccupped.
            logger.warning("LDAP group lookup failed for %s: %s", user, exc)
            mark_directory_unavailable(self.request)
            return None
        user_roles_sync(user=user, groups=groups, mapping=mapping, source="ldap")
        return user


@receiver(ldap_error, sender=DirectoryBackend)
def _directory_error(sender, context, request=None, **kwargs):
    # django-auth-ldap has already logged the error; it reaches here for a server
    # that is down or times out and for a refused service bind (bad
    # LDAP_BIND_DN / LDAP_BIND_PASSWORD), never for the user's own wrong password.
    mark_directory_unavailable(request)
