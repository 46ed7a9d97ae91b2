from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import NavEntry, registry

registry.register_nav(
    NavEntry(
        "prospecting",
        _("War room"),
        "/war-room/",
        "target",
        order=20,
        visible=roles.is_staff_member,
    )
)
