"""Admin wiring of the microsites: the site factory (guided creation, the draft
page with "Publish the site", the CSV import) and its menu item, and a serve hook
that keeps login-restricted pages out of public hosts."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import PageViewRestriction

from . import import_views
from .admin_views import MicrositeCreateView, MicrositeDraftView, can_manage_sites


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "microsites/new/",
            MicrositeCreateView.as_view(),
            name="microsites_admin_create",
        ),
        path(
            "microsites/<int:pk>/",
            MicrositeDraftView.as_view(),
            name="microsites_admin_site",
        ),
        path(
            "microsites/<int:pk>/publish/",
            MicrositeDraftView.as_view(),
            name="microsites_admin_publish",
        ),
        path(
            "microsites/import/",
            import_views.upload,
            name="microsites_admin_import",
        ),
        path(
            "microsites/import/<int:pk>/",
            import_views.job,
            name="microsites_admin_import_job",
        ),
        path(
            "microsites/import/<int:pk>/status/",
            import_views.job_status,
            name="microsites_admin_import_status",
        ),
    ]


class MicrositeCreateMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_sites(request.user)


@hooks.register("register_admin_menu_item")
def register_create_menu_item():
    return MicrositeCreateMenuItem(
        _("New microsite"),
        reverse("microsites_admin_create"),
        icon_name="site",
        order=205,
    )


@hooks.register("on_serve_page")
def hide_login_restricted_pages_on_public_hosts(serve):
    """A public host has no login page: a page restricted to logged-in users or
    groups answers 404 there instead of a redirect to the intranet login."""

    def inner(page, request, args, kwargs):
        if not getattr(request, "is_hub_host", True):
            restrictions = list(page.get_view_restrictions())
            # Wagtail's own check_view_restrictions hook runs next on this same
            # instance: let it reuse the list instead of querying twice.
            page.get_view_restrictions = lambda: restrictions
            for restriction in restrictions:
                if restriction.restriction_type in (
                    PageViewRestriction.LOGIN,
                    PageViewRestriction.GROUPS,
                ) and not restriction.accept_request(request):
                    raise Http404
        return serve(page, request, args, kwargs)

    return inner
