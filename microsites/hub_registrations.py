from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import NavEntry, registry

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
