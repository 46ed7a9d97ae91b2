"""Live board events: who hears about a lead, and what they receive.

Sales and managers share one board group; a Staff member only hears about their
own finds (their own group), so an event never reveals a lead to someone who may
not see it. Payloads carry ids only; browsers fetch the card HTML through a
permission-checked view.
"""

from hub.realtime import broadcast

SALES_GROUP = "prospecting.board.sales"


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
    }
    payload.update(extra)
    for group in groups_for_lead(lead):
        broadcast(group, payload)


def board_refresh() -> None:
    """Many leads changed at once (an import batch): boards reload their columns."""
    from hub.realtime import send_now

    send_now(SALES_GROUP, {"type": "prospecting.refresh"})
