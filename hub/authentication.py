"""API authentication by personal token: `Authorization: Bearer hub_…`."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from .models import ApiToken


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Put first in a view's authentication classes. A request that carries an
    Authorization header is judged by it alone: a bad, revoked or malformed one
    (or another scheme, such as Basic) is a 401 even beside a valid session
    cookie, so a script never acts as whoever is logged in to the browser.
    Without the header, the next class (the session) decides."""

    keyword = "Bearer"

    def authenticate(self, request):
        if "HTTP_AUTHORIZATION" not in request.META:
            return None
        header = authentication.get_authorization_header(request).decode(
            "latin-1", "replace"
        )
        parts = header.split()
        if len(parts) != 2 or parts[0] not in (self.keyword, "Token"):
            raise exceptions.AuthenticationFailed(
                _("Malformed Authorization header: send “Bearer <token>”.")
            )
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.hash(parts[1]), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the generated OpenAPI schema (/api/schema/) describes the token."""

    target_class = ApiTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "a personal token (hub_…) from “My account”; read-only "
            "tokens may only GET. Sent, it alone decides: a bad one is a 401.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "rest_framework.authentication.SessionAuthentication"
    name = "session"
    priority = 1  # over drf-spectacular's own description of the session

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "the browser session, without an Authorization header; "
            "POST and PATCH need the X-CSRFToken header",
        }


class TokenScopePermission(permissions.BasePermission):
    """A read-only token may only use safe methods."""

    message = _("This token is read-only.")

    def has_permission(self, request, view):
        token = request.auth
        if isinstance(token, ApiToken) and token.scope == ApiToken.SCOPE_READ:
            return request.method in permissions.SAFE_METHODS
        return True
