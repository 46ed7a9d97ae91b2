from . import roles
from .realtime import is_degraded
from .registry import registry


def _only_deepest_active(nav: list[dict]) -> None:
    """/wiki/demand/ is under /wiki/ too: only the longest matching entry is
    the current page."""
    active = [item for item in nav if item["active"]]
    if len(active) > 1:
        deepest = max(active, key=lambda item: len(item["url"]))
        for item in active:
            item["active"] = item is deepest


def hub_navigation(request):
    """Navigation and role flags for the hub layout (not used by microsite pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"hub_nav": []}
    current = request.path
    nav = []
    for entry in registry.nav_for(user):
        url = entry.resolve_url()
        badge = entry.badge(user) if entry.badge else None
        nav.append(
            {
                "key": entry.key,
                "label": entry.label,
                "url": url,
                "icon": entry.icon,
                "badge": badge or None,
                "badge_label": (
                    entry.badge_label % {"n": badge}
                    if badge and entry.badge_label
                    else ""
                ),
                "active": url not in ("/", "#") and current.startswith(url),
            }
        )
    _only_deepest_active(nav)
    return {
        "hub_nav": nav,
        "hub_search": registry.header_search_for(user),
        "hub_roles": {
            "staff": roles.is_staff_member(user),
            "sales": roles.is_sales(user),
            "editor": roles.is_editor(user),
            "manager": roles.is_manager(user),
        },
        "live_degraded": is_degraded(),
    }
