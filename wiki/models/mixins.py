from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from hub import roles


class StaffOnlyPageMixin:
    """Wiki and Webschool pages are for employees only.

    `check_staff_access` runs from a `before_serve_page` hook ordered before
    Wagtail's own view-restriction check (wiki/wagtail_hooks.py): anonymous users go
    to the login page, authenticated non-staff get 403 (Wagtail's GROUPS restriction
    would send them back to the login page in a loop). The pages also carry a
    GROUPS view restriction (wiki.bootstrap) so `.public()` querysets — public
    search, sitemaps — never include them.
    """

    def check_staff_access(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_staff_member(request.user):
            raise PermissionDenied
        return None

    def get_sitemap_urls(self, request=None):
        return []
