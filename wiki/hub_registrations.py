from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, registry

from .seeds import seed_webschool, seed_wiki

registry.register_nav(
    NavEntry(
        "wiki", _("Wiki"), "/wiki/", "book", order=10, visible=roles.is_staff_member
    )
)
registry.register_nav(
    NavEntry(
        "webschool",
        _("Webschool"),
        "/webschool/",
        "school",
        order=15,
        visible=roles.is_staff_member,
    )
)


def _panel_context(request):
    from .selectors import wiki_panel_data

    return wiki_panel_data(user=request.user)


registry.register_panel(
    DashboardPanel(
        key="wiki.activity",
        title=_("Wiki and Webschool"),
        template="wiki/panels/wiki.html",
        context=_panel_context,
        order=20,
        visible=roles.is_staff_member,
    )
)
registry.seed_step(
    name="wiki", order=20, description="encyclopédie du grillage (articles, fiches)"
)(seed_wiki)
registry.seed_step(
    name="webschool", order=30, description="Webschool (3 niveaux, leçons, progression)"
)(seed_webschool)
