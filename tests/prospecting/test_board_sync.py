"""selectors.board_changes: what a board that was offline missed. Every write
that changes a card must stamp updated_at, or the re-sync would miss it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from prospecting import events, selectors, services
from prospecting.models import Lead

from .factories import SIREN_OK, make_lead

pytestmark = pytest.mark.django_db


def backdate(*leads, hours=2):
    Lead.objects.filter(pk__in=[lead.pk for lead in leads]).update(
        updated_at=timezone.now() - timedelta(hours=hours)
    )


def changes(user, since):
    result = selectors.board_changes(user=user, since=since)
    assert result.complete
    return {pk for pk, _stage in result.changed}, set(result.removed)


def test_every_card_changing_write_is_seen(sales_user):
    keep = make_lead(
        "Garde", by=sales_user, company={"name": "Garde", "siren": SIREN_OK}
    )
    merged = make_lead("Fusionné", by=sales_user)
    trashed = make_lead("Corbeille", by=sales_user)
    restored = make_lead("Restauré", by=sales_user)
    services.lead_soft_delete(lead=restored, by=sales_user)
    called = make_lead("Appelé", by=sales_user)
    imported = make_lead(
        "Importé",
        by=sales_user,
        company={"name": "Importé", "website": "importe.fr"},
        contact={"email": "achats@importe.fr"},
    )
    untouched = make_lead("Tranquille", by=sales_user)
    backdate(keep, merged, trashed, restored, called, imported, untouched)
    since = timezone.now() - timedelta(hours=1)
    assert changes(sales_user, since) == (set(), set())

    services.lead_merge(keep=keep, merged=merged, by=sales_user)
    services.lead_soft_delete(lead=trashed, by=sales_user)
    services.lead_restore(lead=Lead.objects.get(pk=restored.pk), by=sales_user)
    services.activity_log(lead=called, kind="call", by=sales_user, body="Rappel")
    services.lead_intake_batch(
        items=[
            services.BatchItem(
                company={"name": "Importé", "website": "www.importe.fr"},
                contact={"email": "achats@importe.fr"},
                note="Nouvelle demande",
            )
        ],
        source="import",
        by=sales_user,
    )
    changed, removed = changes(sales_user, since)
    assert changed == {keep.pk, restored.pk, called.pk, imported.pk}
    assert removed == {merged.pk, trashed.pk}
    assert untouched.pk not in changed | removed


def test_overlap_catches_a_write_just_before_the_cursor(sales_user):
    recent = make_lead("Juste avant", by=sales_user)
    older = make_lead("Bien avant", by=sales_user)
    now = timezone.now()
    Lead.objects.filter(pk=recent.pk).update(updated_at=now - timedelta(seconds=10))
    Lead.objects.filter(pk=older.pk).update(updated_at=now - timedelta(minutes=2))
    changed, _removed = changes(sales_user, now)
    assert changed == {recent.pk}


def test_too_many_changes_ask_for_a_reload(sales_user):
    for name in ("Un", "Deux", "Trois"):
        make_lead(name, by=sales_user)
    since = timezone.now() - timedelta(hours=1)
    result = selectors.board_changes(user=sales_user, since=since, limit=2)
    assert (result.complete, result.changed, result.removed) == (False, [], [])
    assert selectors.board_changes(user=sales_user, since=since, limit=3).complete


def test_permission_rule_is_the_boards(staff_user, sales_user, outsider_user):
    mine = make_lead("À moi", by=staff_user)
    other = make_lead("À Sales", by=sales_user)
    since = timezone.now() - timedelta(hours=1)
    assert changes(staff_user, since) == ({mine.pk}, set())
    assert changes(sales_user, since) == ({mine.pk, other.pk}, set())
    assert changes(outsider_user, since) == (set(), set())


def test_board_page_starts_the_cursor_at_its_render_time(client, sales_user):
    client.force_login(sales_user)
    before = events.cursor_from_time(timezone.now())
    html = client.get("/war-room/").content.decode()
    after = events.cursor_from_time(timezone.now())
    cursor = int(re.search(r'data-sync-cursor="(\d+)"', html).group(1))
    assert before <= cursor <= after
    assert events.cursor_to_time(cursor) is not None
