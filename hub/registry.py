"""Registries that let apps plug into the hub without the hub importing them.

Apps fill them from their `hub_registrations.py` (autodiscovered in
HubConfig.ready): navigation entries, dashboard panels, demo seed steps, URL
mounts (and which of them are hub-only), WebSocket routes, the header search,
daily jobs, notification kinds and actions offered on a lead. The hub's own code
and base templates read these and never name an app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


def _always(*args) -> bool:
    return True


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: Any
    url: str  # a URL name, or a path starting with "/"
    icon: str
    order: int = 100
    visible: Callable[[Any], bool] = _always
    # A number shown beside the label (open items waiting for the user), or
    # None; `badge_label` says what it counts, for screen readers ("%(n)s").
    badge: Callable[[Any], int | None] | None = None
    badge_label: Any = ""

    def resolve_url(self) -> str:
        if self.url.startswith("/"):
            return self.url
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return "#"


@dataclass(frozen=True)
class DashboardPanel:
    """A card on the staff home. `context(request)` returns a dict that the panel
    template reads as `data` (e.g. `{{ data.counts.users }}`)."""

    key: str
    title: Any
    template: str
    context: Callable[[Any], dict]
    order: int = 100
    visible: Callable[[Any], bool] = _always
    wide: bool = False


@dataclass(frozen=True)
class SeedStep:
    """One idempotent step of `seed_demo`; `run(progress, options)` does the work."""

    name: str
    order: int
    run: Callable[..., None]
    description: str = ""


@dataclass(frozen=True)
class UrlMount:
    """An app's URLconf mounted under `prefix` ("war-room/") on the hub host.
    `hub_only` mounts answer 404 on microsite hosts (the intranet never shows on a
    public domain). Hub-only paths an app serves another way (a Wagtail page tree
    such as "/webschool/") go through `register_hub_only_prefix`."""

    prefix: str
    urlconf: str
    hub_only: bool = True


@dataclass(frozen=True)
class HeaderSearch:
    """The search box of the hub header: where it submits and suggests."""

    action: str  # a path, e.g. "/wiki/search/"
    label: Any
    placeholder: Any
    autocomplete: str = ""  # a path answering ?q= with suggestions, or ""
    script: str = ""  # static path of the script that drives the suggestions
    order: int = 100
    visible: Callable[[Any], bool] = _always


@dataclass(frozen=True)
class DailyJob:
    """A job the scheduler runs once a day, in `order`. `task` is a django-tasks
    Task taking no arguments (it returns a short JSON-able summary)."""

    name: str
    task: Any
    order: int = 100
    description: str = ""


@dataclass(frozen=True)
class PeriodicJob:
    """A job the scheduler runs every `every_minutes` (a divisor of a day's
    1440 minutes), once per slot however many workers run."""

    name: str
    task: Any
    every_minutes: int = 15


@dataclass(frozen=True)
class LeadAction:
    """A button on a lead's page offered by another app (a video call, …).
    `url(lead)` is where the button goes; `method` "post" renders a form with
    CSRF, "get" a link; `visible(user, lead)` hides it from who cannot use it."""

    key: str
    label: Any
    url: Callable[[Any], str]
    method: str = "post"
    order: int = 100
    visible: Callable[[Any, Any], bool] = _always


@dataclass(frozen=True)
class NotificationKind:
    """A kind of event users are told about. Users choose per kind how mail
    reaches them (immediately, in the daily digest, or not at all; the bell
    always rings). `audience(user)` hides a kind from the preferences of users
    who can never receive it."""

    key: str
    label: Any
    default_delivery: str = "digest"  # hub.models.Delivery value
    order: int = 100
    audience: Callable[[Any], bool] = _always


@dataclass
class Registry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    panels: dict[str, DashboardPanel] = field(default_factory=dict)
    seed_steps: dict[str, SeedStep] = field(default_factory=dict)
    url_mounts: dict[str, UrlMount] = field(default_factory=dict)
    extra_hub_only_prefixes: set[str] = field(default_factory=set)
    # Modules with a `websocket_urlpatterns` list, imported by hub.asgi only
    # (consumers stay out of every management command's import time).
    websocket_modules: list[str] = field(default_factory=list)
    header_searches: list[HeaderSearch] = field(default_factory=list)
    daily_jobs: dict[str, DailyJob] = field(default_factory=dict)
    periodic_jobs: dict[str, PeriodicJob] = field(default_factory=dict)
    lead_actions: dict[str, LeadAction] = field(default_factory=dict)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)
    # The URLconf answering on every non-hub host (public microsites).
    public_urlconf: str = ""
    # Idempotent functions restoring an app's base data (what its migrations
    # create) after a flush: `hub.bootstrap.ensure_base_data` runs them.
    base_data: list[Callable[[], object]] = field(default_factory=list)

    def register_nav(self, entry: NavEntry) -> None:
        self.nav[entry.key] = entry

    def register_panel(self, panel: DashboardPanel) -> None:
        self.panels[panel.key] = panel

    def seed_step(self, *, name: str, order: int, description: str = ""):
        def decorator(func):
            self.seed_steps[name] = SeedStep(name, order, func, description)
            return func

        return decorator

    def mount_urls(self, mount: UrlMount) -> None:
        self.url_mounts[mount.prefix] = mount

    def register_hub_only_prefix(self, prefix: str) -> None:
        self.extra_hub_only_prefixes.add(prefix)

    def register_websocket_routes(self, module: str) -> None:
        if module not in self.websocket_modules:
            self.websocket_modules.append(module)

    def register_header_search(self, search: HeaderSearch) -> None:
        self.header_searches.append(search)

    def register_daily_job(self, job: DailyJob) -> None:
        self.daily_jobs[job.name] = job

    def register_periodic_job(self, job: PeriodicJob) -> None:
        if 1440 % job.every_minutes:
            raise ValueError(f"{job.name}: every_minutes must divide 1440")
        self.periodic_jobs[job.name] = job

    def register_lead_action(self, action: LeadAction) -> None:
        self.lead_actions[action.key] = action

    def register_notification_kind(self, kind: NotificationKind) -> None:
        self.notification_kinds[kind.key] = kind

    def set_public_urlconf(self, urlconf: str) -> None:
        self.public_urlconf = urlconf

    def register_base_data(self, step: Callable[[], object]) -> None:
        if step not in self.base_data:
            self.base_data.append(step)

    # -- reads ---------------------------------------------------------------

    def nav_for(self, user) -> list[NavEntry]:
        entries = sorted(self.nav.values(), key=lambda e: e.order)
        return [e for e in entries if e.visible(user)]

    def panels_for(self, user) -> list[DashboardPanel]:
        panels = sorted(self.panels.values(), key=lambda p: p.order)
        return [p for p in panels if p.visible(user)]

    def ordered_seed_steps(self) -> list[SeedStep]:
        return sorted(self.seed_steps.values(), key=lambda s: s.order)

    def hub_only_prefixes(self) -> tuple[str, ...]:
        mounted = {"/" + m.prefix for m in self.url_mounts.values() if m.hub_only}
        return tuple(sorted(mounted | self.extra_hub_only_prefixes))

    def header_search_for(self, user) -> HeaderSearch | None:
        for search in sorted(self.header_searches, key=lambda s: s.order):
            if search.visible(user):
                return search
        return None

    def websocket_urlpatterns(self) -> list:
        from importlib import import_module

        patterns = []
        for module in self.websocket_modules:
            patterns.extend(import_module(module).websocket_urlpatterns)
        return patterns

    def ordered_daily_jobs(self) -> list[DailyJob]:
        return sorted(self.daily_jobs.values(), key=lambda j: (j.order, j.name))

    def lead_actions_for(self, user, lead) -> list[LeadAction]:
        actions = sorted(self.lead_actions.values(), key=lambda a: a.order)
        return [a for a in actions if a.visible(user, lead)]

    def notification_kind(self, key: str) -> NotificationKind:
        try:
            return self.notification_kinds[key]
        except KeyError:
            raise LookupError(f"Unknown notification kind {key!r}") from None

    def notification_kinds_for(self, user) -> list[NotificationKind]:
        kinds = sorted(self.notification_kinds.values(), key=lambda k: k.order)
        return [k for k in kinds if k.audience(user)]


registry = Registry()
