from django.utils.translation import gettext_lazy as _

from . import roles, selectors
from .registry import DashboardPanel, NavEntry, registry
from .seeds import seed_accounts

registry.register_nav(NavEntry("home", _("Home"), "/", "home", order=0))
registry.register_nav(
    NavEntry(
        "cms",
        _("Administration"),
        "/cms/",
        "settings",
        order=90,
        visible=lambda user: user.is_superuser or roles.is_editor(user),
    )
)
registry.register_panel(
    DashboardPanel(
        key="hub.overview",
        title=_("The hub at a glance"),
        template="hub/panels/overview.html",
        context=lambda request: {"counts": selectors.hub_counts()},
        order=0,
    )
)
registry.seed_step(name="accounts", order=10, description="demo users and roles")(
    seed_accounts
)


def _register_background():
    from . import tasks
    from .registry import DailyJob, NotificationKind

    registry.register_notification_kind(
        NotificationKind("general", _("Other notifications"), "digest", order=900)
    )
    registry.register_notification_kind(
        NotificationKind(
            "mention",
            _("Someone mentions me (@name) in a note or a comment"),
            "immediate",
            order=10,
        )
    )
    # The digest mails what the reminders above it rang the same morning.
    registry.register_daily_job(
        DailyJob("send_notification_digest", tasks.notification_digest, order=50)
    )
    registry.register_daily_job(
        DailyJob("prune_task_results", tasks.task_results_prune, order=95)
    )


_register_background()
