"""The two halves of the OpenID Connect round trip, answering 404 when it is not
configured and sending the user back to the login form, with a message, whenever
the provider, the state or the token is not right (never a 400 or a 500)."""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    get_next_url,
)

from .oidc import ProviderUnavailable, oidc_setting

logger = logging.getLogger(__name__)


def _back_to_login(request, message: str, next_url: str | None):
    """The login form with `message`, keeping where the user was going (a `next`
    already checked to stay on this site)."""
    messages.error(request, message % {"provider": settings.OIDC_PROVIDER_NAME})
    if next_url:
        return redirect_to_login(next_url, settings.LOGIN_URL)
    return redirect(settings.LOGIN_URL)


def _unavailable_message() -> str:
    return _(
        "%(provider)s is not answering. Try again in a few minutes, or sign in "
        "with your username and password."
    )


class SignInStart(OIDCAuthenticationRequestView):
    """/oidc/authenticate/: remember state, nonce and PKCE verifier in the session
    and send the browser to the provider."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs):
        # The parent reads the endpoint here; with discovery that is a network
        # call, done in get() where a failure can become a message.
        View.__init__(self, **kwargs)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as exc:
            logger.warning("OIDC provider unavailable: %s", exc)
            next_url = get_next_url(request, "next")
            return _back_to_login(request, _unavailable_message(), next_url)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SignInCallback(OIDCAuthenticationCallbackView):
    """/oidc/callback/: the provider sends the browser back here with a code."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # Unknown state (replayed or forged link), nonce or audience mismatch.
            logger.warning("OIDC sign-in refused: %s", exc)
        except (requests.RequestException, ProviderUnavailable) as exc:
            logger.warning("OIDC provider unavailable: %s", exc)
            return _back_to_login(request, _unavailable_message(), self.next_url)
        return self.login_failure()

    @property
    def next_url(self) -> str | None:
        # Checked by SignInStart (get_next_url) before it was stored.
        return self.request.session.get("oidc_login_next")

    def login_failure(self):
        return _back_to_login(
            self.request,
            _("Sign-in with %(provider)s failed. Try again, or ask an administrator."),
            self.next_url,
        )
