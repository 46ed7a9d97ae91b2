from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hub.models import AuditEntry
from prospecting import services
from prospecting.models import Activity, Deal, Lead, PipelineStage, StageChange

from .factories import make_lead

pytestmark = pytest.mark.django_db


def stage(key):
    return services.stage_by_key(key)


def test_default_stages_are_created_once_and_configurable():
    stages = services.stages_ensure()
    assert [s.key for s in stages] == [
        "new",
        "contacted",
        "qualified",
        "quote_sent",
        "won",
        "lost",
    ]
    custom = stages[1]
    custom.name = "Appelé"
    custom.save()
    assert str(services.stage_by_key("contacted")) == "Appelé"
    assert len(services.stages_ensure()) == 6


def test_move_to_won_records_the_deal_and_leaving_removes_it(sales_user):
    lead = make_lead(estimated_value=Decimal("5000"))
    services.lead_move_stage(lead=lead, stage=stage("won"), by=sales_user)
    assert Deal.objects.get(lead=lead).amount == Decimal("5000")
    services.lead_move_stage(
        lead=lead, stage=stage("won"), by=sales_user, won_amount=Decimal("1")
    )
    assert Deal.objects.get(lead=lead).amount == Decimal("5000")  # no-op move
    services.lead_move_stage(lead=lead, stage=stage("quote_sent"), by=sales_user)
    assert not Deal.objects.filter(lead=lead).exists()
    services.lead_move_stage(
        lead=lead, stage=stage("won"), by=sales_user, won_amount=Decimal("7200.50")
    )
    assert Deal.objects.get(lead=lead).amount == Decimal("7200.50")
    assert StageChange.objects.filter(lead=lead).count() == 3
    assert Activity.objects.filter(lead=lead, kind="stage").count() == 3
    assert (
        AuditEntry.objects.filter(action="lead.move", target_id=str(lead.pk)).count()
        == 3
    )


def test_lost_reason_is_kept(sales_user):
    lead = make_lead()
    services.lead_move_stage(
        lead=lead, stage=stage("lost"), by=sales_user, lost_reason="Prix"
    )
    lead.refresh_from_db()
    assert lead.lost_reason == "Prix" and lead.stage.kind == PipelineStage.Kind.LOST


def test_update_audits_the_diff_and_refuses_unknown_fields(sales_user):
    lead = make_lead()
    services.lead_update(
        lead=lead, by=sales_user, next_action="Rappeler", owner=sales_user
    )
    entry = AuditEntry.objects.get(action="lead.update")
    assert entry.changes == {
        "next_action": ["", "Rappeler"],
        "owner": [None, sales_user.pk],
    }
    with pytest.raises(ValidationError):
        services.lead_update(lead=lead, by=sales_user, source="website")
    with pytest.raises(ValidationError):
        services.lead_update(lead=lead, by=sales_user, probability=150)


def test_soft_delete_and_restore(sales_user):
    lead = make_lead()
    services.lead_soft_delete(lead=lead, by=sales_user)
    assert not Lead.objects.alive().filter(pk=lead.pk).exists()
    assert Lead.objects.filter(pk=lead.pk).exists()
    services.lead_restore(lead=lead, by=sales_user)
    assert Lead.objects.alive().filter(pk=lead.pk).exists()
    actions = set(
        AuditEntry.objects.filter(target_id=str(lead.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"lead.create", "lead.delete", "lead.restore"} <= actions


def test_merge_keeps_all_activities_history_contacts_and_deal(sales_user, staff_user):
    keep = make_lead("Clôtures Martin", by=staff_user, contact={"email": "a@martin.fr"})
    other = make_lead(
        "Martin Clôtures",
        contact={"email": "b@martin-clotures.fr", "phone": "0556000000"},
        source_url="https://annuaire.example.org/martin",
        estimated_value=Decimal("9000"),
    )
    services.activity_log(lead=keep, kind="call", by=sales_user, body="Appel 1")
    services.activity_log(lead=other, kind="email", by=sales_user, body="Mail 2")
    services.lead_move_stage(lead=other, stage=stage("won"), by=sales_user)
    services.lead_merge(keep=keep, merged=other, by=sales_user)
    keep.refresh_from_db()
    other.refresh_from_db()
    bodies = set(keep.activities.values_list("body", flat=True))
    assert {"Appel 1", "Mail 2"} <= bodies
    assert keep.activities.filter(kind="merge").exists()
    assert StageChange.objects.filter(lead=keep).count() == 1
    assert Deal.objects.get(lead=keep).amount == Decimal("9000")
    assert set(keep.company.contacts.values_list("email", flat=True)) == {
        "a@martin.fr",
        "b@martin-clotures.fr",
    }
    assert keep.source_url == "https://annuaire.example.org/martin"
    assert keep.estimated_value == Decimal("9000")
    assert other.merged_into == keep
    assert not Lead.objects.alive().filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(
        action="lead.merge", target_id=str(keep.pk)
    ).exists()
    # The merged lead's own audit trail is still there.
    assert AuditEntry.objects.filter(
        action="lead.create", target_id=str(other.pk)
    ).exists()
    with pytest.raises(ValidationError):
        services.lead_merge(keep=keep, merged=other, by=sales_user)
    with pytest.raises(ValidationError):
        services.lead_merge(keep=keep, merged=keep, by=sales_user)


def test_next_action_reminders_once_per_due_date(sales_user, staff_user):
    from datetime import date

    from hub.models import Notification

    lead = make_lead("Relance SA", by=staff_user)
    services.lead_update(
        lead=lead,
        by=sales_user,
        owner=sales_user,
        next_action="Rappeler",
        next_action_due=date(2026, 3, 2),
    )
    orphan = make_lead("Sans responsable", by=staff_user)
    services.lead_update(
        lead=orphan,
        by=sales_user,
        next_action="Envoyer",
        next_action_due=date(2026, 3, 1),
    )
    later = make_lead("Plus tard")
    services.lead_update(
        lead=later, by=sales_user, owner=sales_user, next_action_due=date(2026, 4, 1)
    )
    assert services.next_action_reminders_send(today=date(2026, 3, 2)) == 2
    assert services.next_action_reminders_send(today=date(2026, 3, 3)) == 0
    notes = {n.user.username: n for n in Notification.objects.select_related("user")}
    assert set(notes) == {"sales", "staff"}
    assert notes["sales"].verb == "Prochaine action due le 02/03 : Rappeler"
    assert notes["sales"].target_url == f"/war-room/leads/{lead.pk}/"
    services.lead_update(lead=lead, by=sales_user, next_action_due=date(2026, 3, 3))
    assert services.next_action_reminders_send(today=date(2026, 3, 3)) == 1


def test_stages_are_configurable_in_the_wagtail_admin(admin_user, client):
    services.stages_ensure()
    client.force_login(admin_user)
    url = "/cms/snippets/prospecting/pipelinestage/"
    listing = client.get(url)
    assert listing.status_code == 200
    assert "Devis envoyé" in listing.content.decode()
    stage = services.stage_by_key("quote_sent")
    response = client.post(
        f"{url}edit/{stage.pk}/",
        {
            "key": "quote_sent",
            "name": "Offre remise",
            "kind": "open",
            "order": 30,
            "probability": 70,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stage.refresh_from_db()
    assert (str(stage), stage.probability) == ("Offre remise", 70)
