"""The duplicate review: a queue of look-alikes, two leads side by side, a merge
chosen field by field, "different", and undo within 30 days."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from hub.models import AuditEntry
from prospecting import services
from prospecting.models import Activity, Deal, DuplicateFlag, Lead, LeadMerge

from .factories import SIREN_OK, make_lead

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pair(sales_user):
    """Two leads of what may be one customer (same web domain, other names)."""
    old = make_lead(
        "Camping des Pins",
        by=sales_user,
        company={"name": "Camping des Pins", "website": "camping-des-pins.fr"},
        contact={"name": "Marc Pin", "email": "marc@camping-des-pins.fr"},
        estimated_value=Decimal("4000"),
    )
    new = services.lead_intake(
        source="website",
        company={
            "name": "Les Pins Camping",
            "website": "www.camping-des-pins.fr",
            "siren": SIREN_OK,
            "city": "Arcachon",
        },
        contact={"name": "Léa Pin", "email": "lea@camping-des-pins.fr"},
        note="Devis clôture piscine",
    ).lead
    services.activity_log(lead=new, kind="call", by=sales_user, body="Rappel fait")
    return old, new


def test_look_alikes_wait_in_the_queue(pair, sales_user):
    old, new = pair
    page = client_for(sales_user).get("/war-room/duplicates/")
    assert page.status_code == 200
    flags = list(page.context["flags"])
    assert [(f.lead, f.other) for f in flags] == [(new, old)]
    assert "même domaine web d’entreprise" in page.content.decode()


def test_the_queue_is_for_sales(pair, staff_user):
    client = client_for(staff_user)
    assert client.get("/war-room/duplicates/").status_code == 403
    old, new = pair
    url = f"/war-room/merge/?keep={old.pk}&merged={new.pk}"
    assert client.get(url).status_code == 403
    assert (
        client.post(url.split("?")[0], {"keep": old.pk, "merged": new.pk}).status_code
        == 403
    )
    assert Lead.objects.alive().count() == 2


def test_compare_shows_the_differing_fields_with_a_default(pair, sales_user):
    old, new = pair
    response = client_for(sales_user).get(
        f"/war-room/merge/?keep={old.pk}&merged={new.pk}"
    )
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["company.siren"]["keep"] == "" and rows["company.siren"]["merged"]
    assert rows["company.siren"]["default"] == "merged"  # a blank never wins
    assert rows["company.name"]["default"] == "keep"
    assert rows["estimated_value"]["default"] == "keep"


def test_merge_field_by_field_then_undo_puts_everything_back(pair, sales_user):
    old, new = pair
    services.lead_move_stage(
        lead=new, stage=services.stage_by_key("won"), by=sales_user
    )
    deal = Deal.objects.get(lead=new)
    response = client_for(sales_user).post(
        "/war-room/merge/",
        {
            "keep": old.pk,
            "merged": new.pk,
            "choice:company.name": "merged",  # the customer's own spelling
            "choice:estimated_value": "keep",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.company.name == "Les Pins Camping"
    assert old.company.siren == SIREN_OK  # default: filled from the other
    assert old.estimated_value == Decimal("4000")
    assert Lead.objects.get(pk=new.pk).merged_into == old
    assert Deal.objects.get(pk=deal.pk).lead == old
    assert set(old.company.contacts.values_list("email", flat=True)) == {
        "marc@camping-des-pins.fr",
        "lea@camping-des-pins.fr",
    }
    assert DuplicateFlag.objects.get().status == "merged"
    merge = LeadMerge.objects.get()
    assert AuditEntry.objects.get(action="lead.merge").changes["merge"] == merge.pk

    # The lead page offers the undo; it puts both leads back as they were.
    page = client_for(sales_user).get(old.get_absolute_url()).content.decode()
    assert f"/war-room/merges/{merge.pk}/undo/" in page
    undo = client_for(sales_user).post(f"/war-room/merges/{merge.pk}/undo/")
    assert undo["Location"] == new.get_absolute_url()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.company.name == "Camping des Pins" and old.company.siren == ""
    assert new.merged_into is None
    assert Deal.objects.get(pk=deal.pk).lead == new
    assert Activity.objects.filter(lead=new, body="Rappel fait").exists()
    assert not Activity.objects.filter(kind="merge").exists()
    assert set(new.company.contacts.values_list("email", flat=True)) == {
        "lea@camping-des-pins.fr"
    }
    assert DuplicateFlag.objects.get().status == "open"  # back in the queue
    assert AuditEntry.objects.filter(action="lead.merge_undo").exists()
    with pytest.raises(ValidationError):
        services.lead_merge_undo(merge=merge, by=sales_user)  # only once


def test_undo_is_refused_after_30_days(pair, sales_user):
    old, new = pair
    services.lead_merge(keep=old, merged=new, by=sales_user)
    merge = LeadMerge.objects.get()
    LeadMerge.objects.filter(pk=merge.pk).update(at=timezone.now() - timedelta(days=31))
    merge.refresh_from_db()
    assert not services.lead_merge_can_undo(merge)
    response = client_for(sales_user).post(
        f"/war-room/merges/{merge.pk}/undo/", follow=True
    )
    assert "ne peut plus être annulée" in response.content.decode()
    assert Lead.objects.get(pk=new.pk).merged_into == old


def test_undo_is_refused_to_staff(pair, sales_user, staff_user):
    old, new = pair
    services.lead_merge(keep=old, merged=new, by=sales_user)
    merge = LeadMerge.objects.get()
    assert (
        client_for(staff_user).post(f"/war-room/merges/{merge.pk}/undo/").status_code
        == 403
    )
    assert Lead.objects.get(pk=new.pk).merged_into == old


def test_bad_merge_choices_are_refused_and_nothing_changes(pair, sales_user):
    old, new = pair
    response = client_for(sales_user).post(
        "/war-room/merge/",
        {"keep": old.pk, "merged": new.pk, "choice:company.name": "both"},
    )
    assert response.status_code == 400
    assert "Choisissez" in response.content.decode()
    assert Lead.objects.alive().count() == 2
    assert (
        client_for(sales_user).get("/war-room/merge/?keep=x&merged=1").status_code
        == 404
    )
    assert (
        client_for(sales_user)
        .get(f"/war-room/merge/?keep={old.pk}&merged={old.pk}")
        .status_code
        == 400
    )
    with pytest.raises(ValidationError):
        services.lead_merge(keep=old, merged=old, by=sales_user)


def test_different_closes_the_flag(pair, sales_user):
    old, new = pair
    flag = DuplicateFlag.objects.get()
    response = client_for(sales_user).post(f"/war-room/duplicates/{flag.pk}/dismiss/")
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "dismissed" and flag.decided_by == sales_user
    assert (
        client_for(sales_user).get("/war-room/duplicates/").context["flags"].count()
        == 0
    )
    assert Lead.objects.alive().count() == 2


def test_the_lead_page_points_at_its_look_alike(pair, sales_user):
    old, new = pair
    page = client_for(sales_user).get(new.get_absolute_url()).content.decode()
    assert f"/war-room/merge/?keep={old.pk}&amp;merged={new.pk}" in page
    assert "lea@camping-des-pins.fr" in page
    assert "Devis clôture piscine" in page  # what was sent, as received
