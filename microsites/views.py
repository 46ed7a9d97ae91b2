"""Public views of microsite hosts (URLconf microsites.public_urls): page serving
with the per-site cache, the contact form, sitemap.xml, robots.txt, branded 404."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from hub.middleware import SecurityHeadersMiddleware

from . import attribution, cache, selectors, spam
from .models import SiteBranding
from .services import contact_submission_process


def _csp_for(branding: SiteBranding | None) -> str:
    origin = (
        branding.analytics_origin if branding and branding.analytics_provider else ""
    )
    csp = SecurityHeadersMiddleware.CSP
    if origin:
        csp = csp.replace("script-src 'self'", f"script-src 'self' {origin}")
        csp = csp.replace("connect-src 'self'", f"connect-src 'self' {origin}")
        csp = csp.replace("img-src 'self'", f"img-src 'self' {origin}")
    return csp


def _activate_site_language(request, branding) -> None:
    """The visitor's explicit choice (language cookie) wins, else the site's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    codes = {code for code, _name in settings.LANGUAGES}
    language = chosen if chosen in codes else branding.default_language
    translation.activate(language)
    request.LANGUAGE_CODE = language


def serve_page(request, path):
    """Wagtail's serve, behind the per-site page cache (see microsites.cache)."""
    key = cache.entry_key(request)
    generations = None
    if key:
        response, generations = cache.get(request, key)
        if response is not None:
            attribution.remember_touch(request, response)
            return response
    selectors.host_site(request)
    branding = SiteBranding.for_request(request)  # memoised on the request
    _activate_site_language(request, branding)
    response = wagtail_views.serve(request, path)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response.headers.setdefault("Content-Security-Policy", _csp_for(branding))
    response.headers.setdefault("Content-Language", translation.get_language())
    route = getattr(request, "_wagtail_route_for_request", None)
    page = route[0] if route else None
    if (
        key
        and response.status_code == 200
        and getattr(page, "cache_public_response", False)
        and not response.has_header("Set-Cookie")
    ):
        cache.store(key, response, generations)
    attribution.remember_touch(request, response)
    return response


def _render_contact(page, request, form, status=200, *, send_again=False):
    """The form page; CsrfViewMiddleware already guards the POST (serve_page is
    not exempt) and the page is never cached (token + signed timestamp)."""
    context = page.get_context(request)
    context["form"] = form
    context["min_seconds"] = form.seconds_left()
    context["send_again"] = send_again
    response = TemplateResponse(
        request, page.get_template(request), context, status=status
    )
    add_never_cache_headers(response)
    return response


def serve_contact_page(page, request):
    """GET shows the form; POST checks rate limit, honeypot and time-to-submit,
    then stores the submission and feeds the war room. On any error the form is
    shown again with everything the visitor typed."""
    if request.method != "POST":
        return _render_contact(
            page, request, page.get_form(page=page, user=request.user)
        )
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if spam.rate_limit_exceeded(request):
        form.is_valid()
        form.add_error(
            None,
            _(
                "We received many requests from your connection. Please wait a few "
                "minutes, or call us."
            ),
        )
        return _render_contact(page, request, form, status=429)
    if not form.is_valid():
        if form.only_too_fast():
            # sent before contact.js could wait: not an error for a person
            return _render_contact(page, request, form, send_again=True)
        return _render_contact(page, request, form, status=400)
    if form.is_spam:
        return page.render_landing_page(request, None)
    site = page.microsite_site(request)
    data = attribution.attribution_for(request, site=site, page=page)
    try:
        outcome = contact_submission_process(page=page, form=form, attribution=data)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_contact(page, request, form, status=400)
    return page.render_landing_page(request, outcome.submission)


@require_GET
def sitemap(request):
    site = selectors.host_site(request)
    base = f"{request.scheme}://{request.get_host()}"
    urls = [
        {
            "loc": base + page.url_path[len(site.root_page.url_path) - 1 :],
            "lastmod": page.last_published_at,
        }
        for page in selectors.sitemap_pages(site).only(
            "url_path", "last_published_at", "path"
        )
    ]
    content = render_to_string("microsites/sitemap.xml", {"urls": urls})
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


@require_GET
def robots(request):
    selectors.host_site(request)
    base = f"{request.scheme}://{request.get_host()}"
    content = render_to_string(
        "microsites/robots.txt", {"sitemap_url": f"{base}/sitemap.xml"}
    )
    return HttpResponse(content, content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """404 in the look of the site the host belongs to (plain for unknown hosts)."""
    try:
        site = selectors.host_site(request)
    except Http404:
        site = None
    context = {"microsite": site, "branding": None, "nav_pages": []}
    if site is not None:
        context["branding"] = SiteBranding.for_request(request)
        _activate_site_language(request, context["branding"])
        context["nav_pages"] = selectors.site_navigation(request, site)
    response = TemplateResponse(request, "microsites/404.html", context, status=404)
    response.render()
    response.headers.setdefault(
        "Content-Security-Policy", _csp_for(context["branding"])
    )
    return response
