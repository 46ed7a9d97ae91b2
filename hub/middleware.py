from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port, validate_host

# Paths that only exist on the intranet; on a microsite host they answer 404 so
# the intranet never shows on a public domain.
HUB_ONLY_PREFIXES = (
    "/cms/",
    "/war-room/",
    "/api/",
    "/video/",
    "/wiki/",
    "/webschool/",
    "/accounts/",
    "/healthz",
    "/admin/",
    "/django-admin/",
    "/notifications/",
    "/documents/",
    "/i18n/",
    "/sites/",
)


def is_hub_host(request) -> bool:
    domain, _port = split_domain_port(request.get_host())
    return validate_host(domain, settings.HUB_HOSTNAMES)


class HubOnlyRoutesMiddleware:
    """Hide intranet routes on microsite hosts (see docs/architecture.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.is_hub_host = is_hub_host(request)
        if not request.is_hub_host and request.path.startswith(HUB_ONLY_PREFIXES):
            raise Http404
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy allowing only this origin (plus WebSockets to it),
    and a Permissions-Policy that grants camera/microphone only to our own pages."""

    CSP = (
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
        "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
        "connect-src 'self' ws: wss:; frame-src 'self' https://www.youtube.com "
        "https://player.vimeo.com; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/cms/"):
            return response  # Wagtail admin sets up its own needs
        response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy",
            "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
        )
        return response
