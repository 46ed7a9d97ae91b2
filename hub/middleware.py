from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port, validate_host
from django.urls import set_urlconf

from .registry import registry

# The hub's own paths that only exist on the intranet; on a microsite host they
# answer 404 so the intranet never shows on a public domain. The apps' hub-only
# prefixes come from their registrations (`hub_only_prefixes()`).
HUB_OWN_PREFIXES = (
    "/cms/",
    "/accounts/",
    "/oidc/",
    "/healthz",
    "/admin/",
    "/django-admin/",
    "/notifications/",
    "/documents/",
    "/i18n/",
    "/tasks/",
)


def hub_only_prefixes() -> tuple[str, ...]:
    return HUB_OWN_PREFIXES + registry.hub_only_prefixes()


def is_hub_host(request) -> bool:
    domain, _port = split_domain_port(request.get_host())
    return validate_host(domain, settings.HUB_HOSTNAMES)


class HubOnlyRoutesMiddleware:
    """Hide intranet routes on microsite hosts (see docs/architecture.md).

    Every non-hub host is a public site and gets the registered public URLconf
    (`registry.public_urlconf`): its pages, forms, sitemap.xml, robots.txt and
    media, nothing of the intranet; 404s there are branded by that URLconf's
    handler404. The prefixes are read once: registrations are complete before
    the first request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.hub_only = hub_only_prefixes()
        self.public_urlconf = registry.public_urlconf or None

    def __call__(self, request):
        request.is_hub_host = is_hub_host(request)
        if not request.is_hub_host:
            if not self.public_urlconf:
                raise Http404  # no public sites installed: only the hub answers
            request.urlconf = self.public_urlconf
            set_urlconf(self.public_urlconf)  # so a 404 raised here is branded too
            if request.path.startswith(self.hub_only):
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
