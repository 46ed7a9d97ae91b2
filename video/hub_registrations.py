from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import (
    DashboardPanel,
    LeadAction,
    NavEntry,
    NotificationKind,
    UrlMount,
    registry,
)

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
registry.mount_urls(UrlMount("video/", "video.urls"))
registry.register_websocket_routes("video.routing")


def _lead_start_url(lead) -> str:
    from django.urls import reverse

    return reverse("video:lead_start", args=[lead.pk])


registry.register_lead_action(
    LeadAction(
        key="video.call",
        label=_("Start a video call"),
        url=_lead_start_url,
        order=10,
        visible=lambda user, lead: roles.is_staff_member(user),
    )
)
registry.register_notification_kind(
    NotificationKind(
        "video.lobby",
        _("Someone waits in the lobby of my video room"),
        "immediate",
        order=40,
        audience=roles.is_staff_member,
    )
)
