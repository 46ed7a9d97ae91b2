"""Who the war room tells: the owner of a web request (managers when nobody owns
the lead yet), the new owner of a lead, the people @mentioned in a note."""

import pytest

from hub import roles
from hub.models import Notification
from prospecting import services
from tests.conftest import make_user

from .factories import make_lead

pytestmark = pytest.mark.django_db


def _web_request(**contact):
    return services.lead_intake(
        source="website",
        company={"name": "Résidence Les Pins"},
        contact={"name": "Jeanne Martin", "email": "jeanne@lespins.example", **contact},
        note="Portail coulissant de 4 m",
        attribution={"hostname": "portails-bordeaux.localhost"},
    )


def test_a_web_request_without_owner_goes_to_the_managers(manager_user, sales_user):
    lead = _web_request().lead
    notes = Notification.objects.all()
    assert [(n.user, n.kind) for n in notes] == [(manager_user, "lead.web")]
    assert notes[0].target_url == f"/war-room/leads/{lead.pk}/"
    assert notes[0].target_label == "Résidence Les Pins"


def test_a_web_request_on_an_owned_lead_goes_to_its_owner(manager_user, sales_user):
    lead = _web_request().lead
    services.lead_update(lead=lead, by=manager_user, owner=sales_user)
    Notification.objects.all().delete()
    again = _web_request()  # the same person writes again: attached
    assert again.lead == lead and not again.created
    assert [(n.user, n.kind) for n in Notification.objects.all()] == [
        (sales_user, "lead.web")
    ]


def test_assigning_a_lead_tells_the_new_owner_not_the_one_who_assigned(
    manager_user, sales_user
):
    lead = make_lead(by=manager_user)
    services.lead_update(lead=lead, by=manager_user, owner=sales_user)
    note = Notification.objects.get()
    assert (note.user, note.kind) == (sales_user, "lead.assigned")
    assert note.actor == manager_user
    services.lead_update(lead=lead, by=sales_user, owner=sales_user)  # unchanged
    assert Notification.objects.count() == 1
    services.lead_update(lead=lead, by=sales_user, owner=manager_user)
    assert Notification.objects.filter(user=manager_user).count() == 1


def test_taking_a_lead_oneself_tells_nobody(sales_user):
    lead = make_lead(by=sales_user)
    services.lead_update(lead=lead, by=sales_user, owner=sales_user)
    assert not Notification.objects.exists()


def test_a_mention_in_a_note_tells_who_may_see_the_lead(sales_user, staff_user):
    finder = make_user("finder", roles.STAFF)
    lead = make_lead(by=finder)
    services.activity_log(
        lead=lead, kind="note", by=sales_user, body="@finder @staff on le rappelle ?"
    )
    # finder found it (sees it); staff is another employee who may not.
    assert [(n.user, n.kind) for n in Notification.objects.all()] == [
        (finder, "mention")
    ]


def test_the_next_action_reminder_has_its_kind(sales_user):
    from datetime import timedelta

    from django.utils import timezone

    lead = make_lead(by=sales_user)
    services.lead_update(
        lead=lead,
        by=sales_user,
        next_action="Rappeler",
        next_action_due=timezone.localdate() - timedelta(days=1),
    )
    assert services.next_action_reminders_send() == 1
    assert Notification.objects.get().kind == "lead.next_action"
