from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import NavEntry, registry

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
