from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, registry


def _panel_context(request) -> dict:
    from . import selectors, stats

    split, finds = stats.channel_split_and_finds(
        request.user,
        since=timezone.now() - timedelta(days=365),
        finds_since=stats.period_starts()["week"],
    )
    data = {"split": split, "my_finds_week": finds}
    if selectors.can_work_all(request.user):
        data["revenue"] = stats.revenue_by_channel()
    return data


def _seed(*, stdout, small=False):
    from .seeds import seed_prospecting

    seed_prospecting(stdout=stdout, small=small)


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
registry.register_panel(
    DashboardPanel(
        key="prospecting.split",
        title=_("Websites vs war room"),
        template="prospecting/panels/war_room.html",
        context=_panel_context,
        order=20,
        visible=roles.is_staff_member,
    )
)
registry.seed_step(
    name="prospecting",
    order=50,
    description="war room: companies, leads, activities, won deals",
)(_seed)
