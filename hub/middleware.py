from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port, validate_host
from django.urls import set_urlconf

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


# Every non-hub host is a public microsite and gets this URLconf: its pages,
# forms, sitemap.xml, robots.txt and media, nothing of the intranet. A host that no
# Wagtail Site claims answers 404 there (never the hub's default site), and 404s
# on a microsite host are branded with that site's look (its handler404).
PUBLIC_URLCONF = "microsites.public_urls"


class HubOnlyRoutesMiddleware:
    """Hide intranet routes on microsite hosts (see docs/architecture.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.is_hub_host = is_hub_host(request)
        if not request.is_hub_host:
            request.urlconf = PUBLIC_URLCONF
            set_urlconf(PUBLIC_URLCONF)  # so a 404 raised here is branded too
            if request.path.startswith(HUB_ONLY_PREFIXES):
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
