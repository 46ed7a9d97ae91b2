from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, registry

from . import selectors
from .seeds import seed_video

registry.register_nav(
    NavEntry(
        "video", _("Video"), "/video/", "video", order=40, visible=roles.is_staff_member
    )
)
registry.register_panel(
    DashboardPanel(
        key="video.rooms",
        title=_("Video room"),
        template="video/panels/video.html",
        context=lambda request: {
            "live": selectors.live_rooms_for_user(request.user),
            "meetings": selectors.upcoming_meetings_for(request.user),
        },
        order=60,
        visible=roles.is_staff_member,
    )
)
registry.seed_step(
    name="video",
    order=60,
    description="team rooms and a customer meeting on a lead",
)(seed_video)
