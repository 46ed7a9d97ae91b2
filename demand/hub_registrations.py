from django.utils.translation import gettext_lazy as _

from hub.registry import DailyJob, NavEntry, PeriodicJob, UrlMount, registry


def _visible(user) -> bool:
    from .selectors import can_work_queue

    return can_work_queue(user)


def _open_count(user):
    from .selectors import open_count

    return open_count()


registry.register_nav(
    NavEntry(
        "demand",
        _("Questions"),
        "/wiki/demand/",
        "help",
        order=12,
        visible=_visible,
        badge=_open_count,
        badge_label=_("%(n)s open questions"),
    )
)
# Under /wiki/ (hub-only already), after the wiki's own URLconf: Django tries
# "wiki/" first and falls through to this mount for "wiki/demand/…".
registry.mount_urls(UrlMount("wiki/demand/", "demand.urls"))


def _register_background():
    from . import tasks

    registry.register_periodic_job(
        PeriodicJob("demand_collect", tasks.demand_collect, every_minutes=15)
    )
    # After the morning's reminders and digest mail (re-asking every open
    # question must not delay them), before the purges.
    registry.register_daily_job(
        DailyJob("demand_review", tasks.demand_review, order=60)
    )


_register_background()


def _seed(*, stdout, small=False):
    from .seeds import seed_demand

    seed_demand(stdout=stdout)


registry.seed_step(
    name="demand",
    order=45,
    description="file des questions (recherches sans réponse, questions clients)",
)(_seed)
