"""Public views of microsite hosts (URLconf microsites.public_urls): page serving
with the per-site cache, the contact form, sitemap.xml, robots.txt, and the 404
and 500 pages in the site's look."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail import views as wagtail_views

from hub.middleware import SecurityHeadersMiddleware

from . import attribution, cache, fragments, routing, selectors, spam
from .models import SiteBranding
from .services import contact_submission_process
from .services import stats as page_stats

logger = logging.getLogger(__name__)


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


def _cache_headers(response, *, shared: bool) -> None:
    """What browsers and a caching proxy may keep. A shared copy only of what
    the page cache would store (anonymous, no session, no form, no cookie
    set): the proxy keeps it until a publish purges it (s-maxage), browsers
    ask again soon (max-age). Everything else stays private."""
    if response.cookies or response.has_header("Set-Cookie"):
        shared = False
    if shared:
        patch_cache_control(
            response,
            public=True,
            max_age=int(getattr(settings, "MICROSITES_BROWSER_CACHE_SECONDS", 60)),
            s_maxage=int(getattr(settings, "MICROSITES_PROXY_CACHE_SECONDS", 86400)),
        )
        patch_vary_headers(response, ["Cookie"])  # the language cookie
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def serve_page(request, path):
    """Wagtail's serve, behind the per-site page cache (see microsites.cache)."""
    key = cache.entry_key(request)
    generations = None
    if key:
        response, generations = cache.get(request, key)
        if response is not None:
            attribution.remember_touch(request, response)
            _cache_headers(response, shared=True)
            return response
    routing.route_from_cache(request, path)
    fragments.remember_generations(request, generations)
    known = getattr(request, "_wagtail_route_for_request", None)
    if known:
        fragments.prefetch(request, known[0])
    selectors.host_site(request)
    branding = SiteBranding.for_request(request)  # memoised on the request
    _activate_site_language(request, branding)
    response = wagtail_views.serve(request, path)
    if response.status_code == 200:
        routing.remember(request)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response.headers.setdefault("Content-Security-Policy", _csp_for(branding))
    response.headers.setdefault("Content-Language", translation.get_language())
    route = getattr(request, "_wagtail_route_for_request", None)
    page = route[0] if route else None
    shared = bool(
        key
        and response.status_code == 200
        and getattr(page, "cache_public_response", False)
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )
    if shared:
        cache.store(key, response, generations)
    attribution.remember_touch(request, response)
    if response.status_code == 200:
        _cache_headers(response, shared=shared)
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
        outcome = contact_submission_process(
            page=page, form=form, attribution=data, key=form.request_key
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_contact(page, request, form, status=400)
    # Post/redirect/get: the thank-you has a URL of its own (a conversion), and
    # reloading it never sends the form again.
    return HttpResponseRedirect(
        page.thank_you_url(request, outcome.request), status=303
    )


def serve_contact_thanks(page, request):
    """The thank-you page a sent form redirects to (?r= names the request)."""
    sent = page.request_from_reference(request.GET.get("r", ""))
    if sent is not None and page_stats.countable(request):
        # the conversion: counted here, once per request, without a cookie
        page_stats.conversion_record(
            contact_request=sent, site=page.microsite_site(request)
        )
    response = page.render_landing_page(
        request, sent.submission if sent else None, contact_request=sent
    )
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # a bare counter: no session, no cookie, nothing to forge
@require_POST
def stats_beacon(request):
    """A page view, sent by the page's script (microsites/js/stats.js) after
    it showed: 204 whatever happens, counted only when the page is a live page
    of this host's site and the visitor is neither a robot nor asking not to be
    tracked (DNT, Sec-GPC)."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    if not page_stats.countable(request):
        return response
    site = selectors.host_site(request)
    page_id = request.POST.get("p", "")
    if not page_id.isdigit():
        return response
    page = selectors.live_page_of_site(site, int(page_id))
    if page is not None:
        page_stats.page_view_record(
            site=site, page=page, visit=request.POST.get("v") == "1"
        )
    return response


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


def _branded_error(request, template: str, status: int):
    """An error page in the look of the site the host belongs to (plain for
    unknown hosts)."""
    try:
        site = selectors.host_site(request)
    except Http404:
        site = None
    context = {"microsite": site, "branding": None, "nav_pages": []}
    if site is not None:
        context["branding"] = SiteBranding.for_request(request)
        _activate_site_language(request, context["branding"])
        context["nav_pages"] = selectors.site_navigation(request, site)
    response = TemplateResponse(request, template, context, status=status)
    response.render()
    response.headers.setdefault(
        "Content-Security-Policy", _csp_for(context["branding"])
    )
    return response


def page_not_found(request, exception=None):
    return _branded_error(request, "microsites/404.html", status=404)


def server_error(request):
    """500 in the site's look while its branding can still be read, else a page
    that names nobody: a public host must never fall back to the hub's page."""
    try:
        return _branded_error(request, "microsites/500.html", status=500)
    except Exception:  # an error page must answer whatever broke
        logger.exception("The branded error page failed too")
        return HttpResponse(render_to_string("microsites/500_plain.html"), status=500)
