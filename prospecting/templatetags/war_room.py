from django import template

register = template.Library()


@register.filter
def person(user, empty="—"):
    """A user's display name; `empty` when there is none."""
    if user is None:
        return empty
    return user.get_full_name() or user.username


@register.filter
def stat_cell(value, kind="int") -> str:
    """A dashboard figure in the reader's format (stats.report column kinds):
    6 800,00 €, 12 500, 42,5 %, 3,5 h, mars 2026; "—" for no figure."""
    from datetime import date

    from django.utils.formats import date_format

    from hub.templatetags.hub_format import NBSP, money_text, number

    if value is None or value == "":
        return "—"
    if kind == "money":
        return money_text(value, 2)
    if kind == "int":
        return number(value)
    if kind == "percent":
        return f"{number(value, 1)}{NBSP}%"
    if kind == "hours":
        return f"{number(value, 1)}{NBSP}h"
    if kind == "month" and isinstance(value, date):
        return date_format(value, "F Y")
    return str(value)


@register.filter
def source_words(lead) -> str:
    """Where the lead came from, in words (prospecting.attribution)."""
    from prospecting.attribution import source_words as words

    return words(lead)


@register.filter
def signal_labels(signals) -> str:
    """["domain", "name"] → "same company web domain, same company name"."""
    from prospecting.dedupe import LABELS

    return ", ".join(str(LABELS.get(s, s)) for s in signals or [])


@register.filter
def received_items(received) -> list[tuple[str, str]]:
    """A submission as received, flattened for display ("contact · email")."""
    items: list[tuple[str, str]] = []

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix} · {key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            items.append((prefix, ", ".join(str(v) for v in value)))
        elif value not in (None, ""):
            items.append((prefix, str(value)))

    walk("", received or {})
    return items


@register.simple_tag
def callback_state(lead) -> dict:
    """The promised callback of a card: "later", "soon" (within a quarter of
    the promise) or "late", with hours left or over; {} when none runs."""
    from django.utils import timezone

    from prospecting.services.routing import WARN_BEFORE, default_callback_hours

    due = getattr(lead, "callback_due_at", None)
    if due is None or lead.first_contact_at or lead.stage.kind != "open":
        return {}
    seconds = (due - timezone.now()).total_seconds()
    hours = max(1, round(abs(seconds) / 3600))
    if seconds < 0:
        return {"state": "late", "hours": hours, "due": due}
    soon = seconds <= default_callback_hours() * 3600 * WARN_BEFORE
    return {"state": "soon" if soon else "later", "hours": hours, "due": due}
