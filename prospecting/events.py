"""Live board events: who hears about a lead, and what they receive.

Sales and managers share one board group; a Staff member only hears about their
own finds (their own group), so an event never reveals a lead to someone who may
not see it. Payloads carry ids only; browsers fetch the card HTML through a
permission-checked view.
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from hub.realtime import broadcast

SALES_GROUP = "prospecting.board.sales"
# A board cursor is a server time in integer milliseconds since the epoch: the
# page keeps the latest one it saw and sends it back in a `sync` message after
# a reconnect (selectors.board_changes). Server-made, so browser clocks do not
# matter; an integer, so there is no date format to parse.
CURSOR_MAX_SKEW = timedelta(minutes=5)


def cursor_from_time(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def cursor_to_time(value) -> datetime | None:
    """The time a cursor stands for, or None for anything the server cannot have
    sent (not an integer, before 2000, later than now plus worker clock skew)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if (
        not 946_684_800_000
        <= value
        <= cursor_from_time(timezone.now() + CURSOR_MAX_SKEW)
    ):
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def finder_group(user_id: int) -> str:
    return f"prospecting.board.finder.{user_id}"


def groups_for_lead(lead) -> list[str]:
    groups = [SALES_GROUP]
    if lead.found_by_id:
        groups.append(finder_group(lead.found_by_id))
    return groups


def lead_event(lead, action: str, **extra) -> None:
    """Broadcast after commit: action is created, moved, updated or removed."""
    payload = {
        "type": "prospecting.lead",
        "action": action,
        "lead_id": lead.pk,
        "stage_id": lead.stage_id,
        # Stamped in the write's transaction, after its updated_at.
        "cursor": cursor_from_time(timezone.now()),
    }
    payload.update(extra)
    for group in groups_for_lead(lead):
        broadcast(group, payload)


def board_refresh() -> None:
    """Many leads changed at once (an import batch): boards reload their columns."""
    from hub.realtime import send_now

    send_now(SALES_GROUP, {"type": "prospecting.refresh"})
