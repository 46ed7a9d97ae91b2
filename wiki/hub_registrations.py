from django.utils.translation import gettext_lazy as _

from hub import roles
from hub.registry import DashboardPanel, HeaderSearch, NavEntry, UrlMount, registry

from .seeds import seed_webschool, seed_wiki

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


def _panel_context(request):
    from .selectors import wiki_panel_data

    return wiki_panel_data(user=request.user)


registry.register_panel(
    DashboardPanel(
        key="wiki.activity",
        title=_("Wiki and Webschool"),
        template="wiki/panels/wiki.html",
        context=_panel_context,
        order=20,
        visible=roles.is_staff_member,
    )
)
registry.seed_step(
    name="wiki", order=20, description="encyclopédie du grillage (articles, fiches)"
)(seed_wiki)
registry.seed_step(
    name="webschool", order=30, description="Webschool (3 niveaux, leçons, progression)"
)(seed_webschool)
registry.mount_urls(UrlMount("wiki/", "wiki.urls"))
# The Webschool is a Wagtail page tree on the hub site: intranet only.
registry.register_hub_only_prefix("/webschool/")
registry.register_header_search(
    HeaderSearch(
        action="/wiki/search/",
        autocomplete="/wiki/search/autocomplete/",
        script="wiki/js/autocomplete.js",
        label=_("Search the wiki"),
        placeholder=_("Search the wiki…"),
        order=10,
        visible=roles.is_staff_member,
    )
)


def _register_background():
    from hub.registry import DailyJob, NotificationKind, PeriodicJob

    from . import tasks

    for key, label, delivery, order, audience in (
        (
            "wiki.review_submitted",
            _("A page awaits my review"),
            "immediate",
            30,
            roles.is_editor,
        ),
        (
            "wiki.review_decided",
            _("My page is approved or sent back"),
            "immediate",
            31,
            roles.is_staff_member,
        ),
        (
            "wiki.wanted",
            _("Someone asks for a missing article in my categories"),
            "digest",
            32,
            roles.is_editor,
        ),
        (
            "wiki.watched",
            _("An article I watch changes"),
            "digest",
            33,
            roles.is_staff_member,
        ),
        (
            "wiki.review_due",
            _("An article I am the expert of is due for review"),
            "digest",
            34,
            roles.is_staff_member,
        ),
    ):
        registry.register_notification_kind(
            NotificationKind(key, label, delivery, order, audience=audience)
        )
    registry.register_daily_job(
        DailyJob("send_review_reminders", tasks.review_reminders, order=20)
    )
    registry.register_daily_job(
        DailyJob("purge_wiki_trash", tasks.wiki_trash_purge, order=70)
    )
    # Classes are counted when their room ends (wiki.signals); this catches the
    # ones whose trainer never pressed "end" once their time slot is past.
    registry.register_periodic_job(
        PeriodicJob(
            "count_live_class_attendance",
            tasks.live_classes_attendance,
            every_minutes=15,
        )
    )
    registry.register_daily_job(
        DailyJob(
            "count_live_class_attendance_daily", tasks.live_classes_attendance, order=25
        )
    )


_register_background()


def _synonyms():
    from .answers.synonyms import synonyms_ensure

    synonyms_ensure()


registry.register_base_data(_synonyms)
