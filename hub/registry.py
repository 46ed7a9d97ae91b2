"""Registries that let apps plug into the hub without the hub importing them.

Apps fill them from their `hub_registrations.py` (autodiscovered in HubConfig.ready).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


def _always(user) -> bool:
    return True


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: Any
    url: str  # a URL name, or a path starting with "/"
    icon: str
    order: int = 100
    visible: Callable[[Any], bool] = _always

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


@dataclass
class Registry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    panels: dict[str, DashboardPanel] = field(default_factory=dict)
    seed_steps: dict[str, SeedStep] = field(default_factory=dict)

    def register_nav(self, entry: NavEntry) -> None:
        self.nav[entry.key] = entry

    def register_panel(self, panel: DashboardPanel) -> None:
        self.panels[panel.key] = panel

    def seed_step(self, *, name: str, order: int, description: str = ""):
        def decorator(func):
            self.seed_steps[name] = SeedStep(name, order, func, description)
            return func

        return decorator

    def nav_for(self, user) -> list[NavEntry]:
        entries = sorted(self.nav.values(), key=lambda e: e.order)
        return [e for e in entries if e.visible(user)]

    def panels_for(self, user) -> list[DashboardPanel]:
        panels = sorted(self.panels.values(), key=lambda p: p.order)
        return [p for p in panels if p.visible(user)]

    def ordered_seed_steps(self) -> list[SeedStep]:
        return sorted(self.seed_steps.values(), key=lambda s: s.order)


registry = Registry()
