from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, registry

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

    rows = selectors.microsite_overview(lead_counts())
    ranked = sorted((r for r in rows if r["leads"]), key=lambda r: -r["leads"])
    return {
        "sites": len(rows),
        "pages": sum(r["pages"] for r in rows),
        "leads": sum(r["leads"] for r in rows),
        "top": ranked[:5],
    }


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
