from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, UrlMount, registry

from .seeding import seed_microsites

registry.register_nav(
    NavEntry(
        "microsites",
        _("Microsites"),
        "/sites/",
        "globe",
        order=30,
        visible=roles.is_staff_member,
    )
)


def _panel_context(request) -> dict:
    from . import selectors
    from .staff_views import lead_counts

    return selectors.microsite_panel(lead_counts())


registry.register_panel(
    DashboardPanel(
        key="microsites.sites",
        title=_("Microsites"),
        template="microsites/panels/sites.html",
        context=_panel_context,
        order=40,
        visible=roles.is_staff_member,
    )
)
registry.seed_step(
    name="microsites",
    order=40,
    description="80 microsites (product lines × regions)",
)(seed_microsites)
registry.mount_urls(UrlMount("sites/", "microsites.urls"))
# Every host that is not the hub's is a public microsite served by this URLconf.
registry.set_public_urlconf("microsites.public_urls")
