from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import NavEntry, PeriodicJob, UrlMount, registry


def can_run_campaigns(user) -> bool:
    """Mailing every customer is a Managers' decision."""
    return roles.is_manager(user)


registry.register_nav(
    NavEntry(
        "campaigns",
        _("Campaigns"),
        "/campaigns/",
        "mail",
        order=25,
        visible=can_run_campaigns,
    )
)
registry.mount_urls(UrlMount("campaigns/", "campaigns.urls"))
# Clicks and unsubscribes come from mail clients, without a login.
registry.mount_urls(UrlMount("m/", "campaigns.public_urls"))


def _register_background():
    from . import tasks

    registry.register_periodic_job(
        PeriodicJob("campaign_sends_resume", tasks.sends_resume, every_minutes=5)
    )


_register_background()


def _dashboard_table():
    """The boss's dashboard gets a table per campaign (prospecting asks us)."""
    from prospecting.stats import register_campaign_facts

    from .selectors import campaign_facts

    register_campaign_facts(campaign_facts, can_open=can_run_campaigns)


_dashboard_table()


def _seed(*, stdout, small=False):
    from .seeds import seed_campaigns

    seed_campaigns(stdout=stdout, small=small)


registry.seed_step(
    name="campaigns", order=60, description="a customer mailing and its wave"
)(_seed)


def _managers_may_compose():
    from .bootstrap import grant_managers

    grant_managers()


registry.register_base_data(_managers_may_compose)
