from . import roles
from .realtime import is_degraded
from .registry import registry


def hub_navigation(request):
    """Navigation and role flags for the hub layout (not used by microsite pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"hub_nav": []}
    current = request.path
    nav = []
    for entry in registry.nav_for(user):
        url = entry.resolve_url()
        nav.append(
            {
                "key": entry.key,
                "label": entry.label,
                "url": url,
                "icon": entry.icon,
                "active": url not in ("/", "#") and current.startswith(url),
            }
        )
    return {
        "hub_nav": nav,
        "hub_roles": {
            "staff": roles.is_staff_member(user),
            "sales": roles.is_sales(user),
            "editor": roles.is_editor(user),
            "manager": roles.is_manager(user),
        },
        "live_degraded": is_degraded(),
    }
