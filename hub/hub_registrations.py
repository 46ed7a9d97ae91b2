from django.utils.translation import gettext_lazy as _

from . import roles, selectors
from .registry import DashboardPanel, NavEntry, registry
from .seeds import seed_accounts

registry.register_nav(NavEntry("home", _("Home"), "/", "home", order=0))
registry.register_nav(
    NavEntry(
        "cms",
        _("Administration"),
        "/cms/",
        "settings",
        order=90,
        visible=lambda user: user.is_superuser or roles.is_editor(user),
    )
)
registry.register_panel(
    DashboardPanel(
        key="hub.overview",
        title=_("The hub at a glance"),
        template="hub/panels/overview.html",
        context=lambda request: {"counts": selectors.hub_counts()},
        order=0,
    )
)
registry.seed_step(name="accounts", order=10, description="demo users and roles")(
    seed_accounts
)
