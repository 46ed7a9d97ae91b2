"""Who gets a new lead: teams and the rules that route leads to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """Salespeople who share the web leads of some sites, departments or product
    lines, in turn (round robin); its manager takes over when a callback is late."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="sales_teams",
        blank=True,
        verbose_name=_("members"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("manager"),
    )
    # Round-robin cursor: the member who got the last lead.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sales team")

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """Which team gets a web lead: the first active rule, in order, whose
    conditions all match (an empty condition matches everything)."""

    order = models.PositiveSmallIntegerField(_("order"), default=100)
    name = models.CharField(_("name"), max_length=120)
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("site"),
    )
    departments = models.CharField(
        _("departments"),
        max_length=300,
        blank=True,
        help_text=_("Department numbers separated by commas, e.g. 33, 40, 47, 2A."),
    )
    product_line = models.CharField(_("product line"), max_length=80, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="rules", verbose_name=_("team")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("routing rule")

    def __str__(self):
        return self.name

    def department_list(self) -> list[str]:
        return [d.strip().upper() for d in self.departments.split(",") if d.strip()]
