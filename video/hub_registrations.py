from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import NavEntry, registry

registry.register_nav(
    NavEntry(
        "video", _("Video"), "/video/", "video", order=40, visible=roles.is_staff_member
    )
)
