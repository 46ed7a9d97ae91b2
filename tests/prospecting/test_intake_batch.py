import pytest

from hub.models import AuditEntry
from prospecting import services
from prospecting.models import Activity, Lead
from prospecting.services import BatchItem

from .factories import SIREN_OK, make_lead

pytestmark = pytest.mark.django_db


def batch(*items, by=None):
    return services.lead_intake_batch(
        items=list(items), source="import", by=by, found_by=by
    )


def test_batch_applies_the_same_rules_as_single_intake(sales_user):
    existing = make_lead(company={"name": "Ancien", "siren": SIREN_OK})
    won = make_lead(company={"name": "Client", "website": "client-fidele.fr"})
    services.lead_move_stage(
        lead=won, stage=services.stage_by_key("won"), by=sales_user
    )
    outcomes = batch(
        BatchItem(
            company={"name": "Ancien bis", "siren": SIREN_OK}, note="Relance", key=1
        ),
        BatchItem(
            company={"name": "Nouveau", "website": "nouveau.fr"},
            contact={"phone": "0556000001"},
            key=2,
        ),
        BatchItem(
            company={"name": "Nouveau (doublon)"},
            contact={"phone": "05 56 00 00 01"},
            note="Même tel",
            key=3,
        ),
        BatchItem(company={"name": ""}, key=4),
        BatchItem(
            company={"name": "Client"},
            contact={"email": "achat@client-fidele.fr"},
            key=5,
        ),
        by=sales_user,
    )
    by_key = {o.key: o for o in outcomes}
    assert [o.key for o in outcomes] == [1, 2, 3, 4, 5]
    assert (by_key[1].status, by_key[1].lead_id) == ("merged", existing.pk)
    assert by_key[2].status == "created"
    assert (by_key[3].status, by_key[3].lead_id) == ("merged", by_key[2].lead_id)
    assert by_key[4].status == "invalid"
    assert by_key[4].reason.startswith("Nom de l'entreprise")
    assert by_key[5].status == "created"
    new_client = Lead.objects.get(pk=by_key[5].lead_id)
    # Only the web domain and the name say it is the won customer: weak, so a
    # new company (a person may merge); a SIREN would have reused it.
    assert new_client.company_id != won.company_id
    assert Activity.objects.filter(lead=existing, body="Relance").exists()
    assert Activity.objects.filter(lead_id=by_key[2].lead_id, body="Même tel").exists()
    entry = AuditEntry.objects.get(action="lead.intake_batch")
    assert set(entry.changes["created"]) == {by_key[2].lead_id, by_key[5].lead_id}
    assert set(entry.changes["attached"]) == {existing.pk, by_key[2].lead_id}
    created = Lead.objects.get(pk=by_key[2].lead_id)
    assert created.contact.phone == "+33556000001" and created.found_by == sales_user


def test_batch_query_count_does_not_grow_with_rows(django_assert_max_num_queries):
    items = [
        BatchItem(
            company={"name": f"Société {i}", "website": f"societe-{i}.fr"},
            contact={"email": f"c@societe-{i}.fr", "phone": f"05560{i:05d}"},
            note="x",
            key=i,
        )
        for i in range(200)
    ]
    # Lookups per signal and bulk inserts (SQLite splits them by its variable
    # limit): far below one query per row.
    with django_assert_max_num_queries(50):
        outcomes = batch(*items)
    assert {o.status for o in outcomes} == {"created"}
    assert Lead.objects.count() == 200


def test_a_row_failing_model_validation_does_not_abort_the_batch():
    long_host = ".".join(["a" * 60] * 4) + ".fr"  # a 246-character domain
    outcomes = batch(
        BatchItem(company={"name": "Bon"}, key=1),
        BatchItem(
            company={"name": "Trop long", "website": f"https://{long_host}/"}, key=2
        ),
        BatchItem(company={"name": "Trop cher"}, estimated_value=10**15, key=3),
        BatchItem(company={"name": "X" * 300}, key=4),
    )
    assert [o.status for o in outcomes] == ["created", "invalid", "invalid", "created"]
    assert "domain" in outcomes[1].reason or "website" in outcomes[1].reason
    assert Lead.objects.count() == 2
