"""Who calls back a web lead, and the callback promise behind it.

Routing: the first active `RoutingRule` (in order) whose site, department (from
the postcode) and product line match names a team; the team's members take web
leads in turn (round robin, the cursor locked so two requests at once go to two
people). No rule, or nobody in the team: a manager, the one who took a web lead
least recently. The owner is told at once (`lead.web`).

The promise: a site says "nous vous rappelons sous 48 h" (its branding's
`callback_hours`, sent in the attribution). The lead carries `callback_due_at`;
the first call, e-mail, visit, quote or video call by someone stops the timer
(`first_contact_at`, the "time to first contact"). `callbacks_check` (every 15
minutes) warns the owner before the deadline and escalates to the team's
manager (else the managers) once it has passed.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub import roles
from hub.services import audit_log, notify

from .. import events, normalize
from ..models import Lead, PipelineStage, RoutingRule, Team

# Kinds of activity that are a real contact with the customer.
CONTACT_KINDS = ("call", "email", "visit", "quote", "video_call")
WARN_BEFORE = 0.25  # warn when this share of the promised delay is left


def default_callback_hours() -> int:
    return int(getattr(settings, "PROSPECTING_CALLBACK_HOURS", 48))


def _valid_hours(value) -> int:
    """A site's promise, if it is a sane number of hours (1 h to 30 days)."""
    try:
        hours = int(value)
    except (TypeError, ValueError):
        return default_callback_hours()
    return hours if 1 <= hours <= 720 else default_callback_hours()


def _matches(rule: RoutingRule, *, site_id, department, product_line) -> bool:
    if rule.site_id and rule.site_id != site_id:
        return False
    departments = rule.department_list()
    if departments and department not in departments:
        return False
    wanted = rule.product_line.strip().casefold()
    return not wanted or wanted == (product_line or "").strip().casefold()


def route_for(lead: Lead) -> tuple[RoutingRule | None, Team | None]:
    attribution = lead.attribution or {}
    department = normalize.department_of(
        lead.company.postal_code or attribution.get("postal_code", "")
    )
    for rule in RoutingRule.objects.filter(active=True).select_related("team"):
        if _matches(
            rule,
            site_id=attribution.get("site_id"),
            department=department,
            product_line=attribution.get("product_line", ""),
        ):
            return rule, rule.team
    return None, None


def _next_member(team: Team):
    """The member after the last one served (by id, wrapping), active ones only."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    members = list(team.members.filter(is_active=True).order_by("pk"))
    if not members:
        return None
    after = [
        m for m in members if team.last_assigned_id and m.pk > team.last_assigned_id
    ]
    chosen = (after or members)[0]
    team.last_assigned = chosen
    team.save(update_fields=["last_assigned"])
    return chosen


def _fallback_manager():
    """The manager who got a web lead least recently (never: first)."""
    managers = (
        get_user_model()
        .objects.filter(groups__name=roles.MANAGERS, is_active=True)
        .annotate(
            last=Max("owned_leads__created_at", filter=Q(owned_leads__source="website"))
        )
        .order_by("last", "pk")
    )
    return managers.first()


@transaction.atomic
def lead_route(*, lead: Lead, callback_hours: int | None = None):
    """Give a new web lead its owner and its callback deadline; returns the owner
    (None when nobody can take it: no team member and no manager)."""
    rule, team = route_for(lead)
    owner = _next_member(team) if team else None
    if owner is None and team is not None and team.manager_id:
        owner = team.manager
    if owner is None:
        owner = _fallback_manager()
    hours = _valid_hours(callback_hours)
    lead.owner = owner
    lead.callback_due_at = timezone.now() + timedelta(hours=hours)
    lead.save(update_fields=["owner", "callback_due_at"])
    audit_log(
        actor=None,
        action="lead.route",
        target=lead,
        changes={
            "owner": owner.pk if owner else None,
            "rule": rule.pk if rule else None,
            "team": team.pk if team else None,
            "callback_hours": hours,
        },
    )
    return owner


def first_contact_record(*, lead: Lead, kind: str, when) -> None:
    """A call, e-mail, visit, quote or video call: the callback promise is kept."""
    if kind in CONTACT_KINDS and lead.first_contact_at is None:
        lead.first_contact_at = when
        Lead.objects.filter(pk=lead.pk, first_contact_at__isnull=True).update(
            first_contact_at=when
        )


def _waiting():
    return Lead.objects.alive().filter(
        callback_due_at__isnull=False,
        first_contact_at__isnull=True,
        stage__kind=PipelineStage.Kind.OPEN,
    )


def callbacks_check(*, now=None) -> dict:
    """Warn owners whose callback is near, escalate the late ones (each once)."""
    now = now or timezone.now()
    warned = escalated = 0
    window = timedelta(hours=default_callback_hours()) * WARN_BEFORE
    due_soon = _waiting().filter(
        callback_warned_at__isnull=True,
        callback_due_at__gt=now,
        callback_due_at__lte=now + window,
    )
    for lead in due_soon.select_related("company", "owner"):
        with transaction.atomic():
            _warn(lead, now)
            warned += 1
    late = _waiting().filter(
        callback_escalated_at__isnull=True, callback_due_at__lte=now
    )
    for lead in late.select_related("company", "owner"):
        with transaction.atomic():
            _escalate(lead, now)
            escalated += 1
    return {"warned": warned, "escalated": escalated}


def _hours(delta: timedelta) -> int:
    return max(1, round(delta.total_seconds() / 3600))


def _warn(lead: Lead, now) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("Call back within %(hours)d h, as the site promised:") % {
            "hours": _hours(lead.callback_due_at - now)
        }
    notify(
        users=[lead.owner],
        kind="lead.callback",
        verb=verb,
        target_label=lead.company.name,
        target_url=lead.get_absolute_url(),
    )
    Lead.objects.filter(pk=lead.pk).update(callback_warned_at=now, updated_at=now)
    events.lead_event(lead, "updated")


def _escalate(lead: Lead, now) -> None:
    team = lead.owner.sales_teams.exclude(manager=None).first() if lead.owner else None
    bosses = (
        [team.manager]
        if team
        else list(
            get_user_model().objects.filter(groups__name=roles.MANAGERS, is_active=True)
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("Callback late by %(hours)d h (owner: %(owner)s):") % {
            "hours": _hours(now - lead.callback_due_at),
            "owner": lead.owner.get_full_name() or lead.owner.username
            if lead.owner
            else _("nobody"),
        }
    notify(
        users=[*bosses, lead.owner],
        kind="lead.callback_late",
        verb=verb,
        target_label=lead.company.name,
        target_url=lead.get_absolute_url(),
    )
    Lead.objects.filter(pk=lead.pk).update(callback_escalated_at=now, updated_at=now)
    audit_log(
        actor=None,
        action="lead.callback_late",
        target=lead,
        changes={"due": lead.callback_due_at.isoformat(), "notified": len(bosses)},
    )
    events.lead_event(lead, "updated")


# -- configuration (Managers) ----------------------------------------------------


@transaction.atomic
def routing_save(*, form, by):
    """Save a team or a rule from its form (validated), audited."""
    created = form.instance.pk is None
    changed = list(form.changed_data)
    saved = form.save()
    kind = "team" if isinstance(saved, Team) else "rule"
    audit_log(
        actor=by,
        action=f"routing.{kind}_{'create' if created else 'update'}",
        target=saved,
        changes={"fields": changed},
    )
    return saved


@transaction.atomic
def routing_delete(*, obj, by) -> None:
    kind = "team" if isinstance(obj, Team) else "rule"
    audit_log(
        actor=by,
        action=f"routing.{kind}_delete",
        target=obj,
        changes={"name": str(obj)},
    )
    obj.delete()
