from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, NavEntry, UrlMount, registry


def _panel_context(request) -> dict:
    from . import selectors, stats

    year_ago = timezone.now() - timedelta(days=365)
    split, finds = stats.channel_split_and_finds(
        request.user, since=year_ago, finds_since=stats.period_starts()["week"]
    )
    data = {
        "channels": [
            {"key": key, "label": label, "leads": split[key]}
            for key, label in stats.CHANNEL_LABELS.items()
        ],
        "split": split,
        "my_finds_week": finds,
    }
    if selectors.can_work_all(request.user):
        revenue = stats.revenue_by_channel(since=year_ago)
        for channel in data["channels"]:
            channel["revenue"] = revenue[channel["key"]]
        data["revenue"] = revenue
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
        title=_("Where the leads come from"),
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
registry.mount_urls(UrlMount("war-room/", "prospecting.urls"))
registry.mount_urls(UrlMount("api/", "prospecting.api.urls"))
registry.register_websocket_routes("prospecting.routing")


def _register_background():
    from hub.registry import DailyJob, NotificationKind, PeriodicJob

    from . import tasks

    for key, label, delivery, order in (
        ("lead.web", _("A web request arrives on a lead I own"), "immediate", 20),
        ("lead.assigned", _("A lead is assigned to me"), "immediate", 21),
        (
            "lead.callback",
            _("A callback a site promised is nearly due"),
            "immediate",
            22,
        ),
        ("lead.callback_late", _("A promised callback is late"), "immediate", 23),
        ("lead.next_action", _("A next action of mine is due"), "digest", 24),
    ):
        registry.register_notification_kind(
            NotificationKind(
                key, label, delivery, order, audience=roles.is_staff_member
            )
        )
    registry.register_daily_job(
        DailyJob("remind_next_actions", tasks.next_action_reminders, order=10)
    )
    registry.register_daily_job(
        DailyJob("purge_import_files", tasks.import_files_purge, order=80)
    )
    registry.register_periodic_job(
        PeriodicJob("callbacks_check", tasks.callbacks_check, every_minutes=15)
    )


_register_background()


def _default_stages():
    from .services import stages_ensure

    stages_ensure()


registry.register_base_data(_default_stages)
