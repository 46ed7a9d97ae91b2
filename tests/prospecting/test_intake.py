import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hub.models import AuditEntry
from prospecting import services
from prospecting.models import Activity, Company, DuplicateFlag, Lead

from .factories import SIREN_OK, SIRET_OK, make_lead

pytestmark = pytest.mark.django_db


def test_intake_creates_normalized_lead_in_first_stage(staff_user):
    result = services.lead_intake(
        source="war_room",
        company={
            "name": " Clôtures Martin ",
            "website": "www.clotures-martin.fr",
            "siret": "732 829 320 00074",
            "region": "Nouvelle-Aquitaine",
        },
        contact={
            "name": "Jean Martin",
            "email": "J.Martin@Clotures-Martin.fr",
            "phone": "05 56 12 34 56",
        },
        found_by=staff_user,
        source_url="https://annuaire.example.org/clotures-martin",
        note="Cherche un fournisseur de panneaux",
    )
    assert result.created and result.duplicate_of is None and result.warnings == []
    lead = result.lead
    assert lead.stage.key == "new"
    assert lead.company.name == "Clôtures Martin"
    assert lead.company.domain == "clotures-martin.fr"
    assert lead.company.siren == SIREN_OK and lead.company.siret == SIRET_OK
    assert lead.contact.email == "j.martin@clotures-martin.fr"
    assert lead.contact.phone == "+33556123456"
    assert (lead.contact.first_name, lead.contact.last_name) == ("Jean", "Martin")
    assert lead.found_by == staff_user
    assert AuditEntry.objects.filter(
        action="lead.create", target_id=str(lead.pk)
    ).exists()


@pytest.mark.parametrize(
    "company,contact,field",
    [
        ({}, None, "name"),
        ({"name": "X", "siren": "123456789"}, None, "siren"),
        ({"name": "X", "siret": "73282932000075"}, None, "siret"),
        ({"name": "X"}, {"phone": "12"}, "phone"),
        ({"name": "X"}, {"email": "pas-un-mail"}, "email"),
        ({"name": "X", "website": "ftp://x"}, None, "website"),
    ],
)
def test_intake_rejects_bad_input_per_field(company, contact, field):
    with pytest.raises(ValidationError) as error:
        services.lead_intake(source="war_room", company=company, contact=contact)
    assert field in error.value.message_dict
    assert Lead.objects.count() == 0 and Company.objects.count() == 0


def test_unknown_source_and_bad_url_are_refused():
    with pytest.raises(ValidationError) as error:
        services.lead_intake(
            source="pigeon", company="X", source_url="javascript:alert(1)"
        )
    assert {"source", "source_url"} <= set(error.value.message_dict)


@pytest.mark.parametrize(
    "first,second,matched",
    [
        (
            {"company": {"name": "A", "siren": SIREN_OK}},
            {"company": {"name": "B", "siret": SIRET_OK}},
            "siren",
        ),
        (
            {"company": "A", "contact": {"email": "a@x.fr"}},
            {"company": "B", "contact": {"email": "A@X.FR"}},
            "email",
        ),
        (
            {"company": "A", "contact": {"phone": "0556123456"}},
            {"company": "B", "contact": {"phone": "+33 5 56 12 34 56"}},
            "phone",
        ),
    ],
)
def test_duplicates_are_attached_not_created(first, second, matched, staff_user):
    original = services.lead_intake(
        source="war_room", found_by=staff_user, **first
    ).lead
    result = services.lead_intake(
        source="website", note="Demande de devis", attribution={"site_id": 3}, **second
    )
    assert not result.created
    assert result.lead == result.duplicate_of == original
    assert result.matched_on == matched
    assert Lead.objects.count() == 1
    activity = Activity.objects.get(lead=original)
    assert activity.kind == "web_form"
    assert activity.body == "Demande de devis"
    assert activity.data["attribution"] == {"site_id": 3}


def test_on_duplicate_return_writes_nothing():
    original = make_lead(company={"name": "A", "siren": SIREN_OK})
    before = AuditEntry.objects.count()
    result = services.lead_intake(
        source="api",
        company={"name": "A bis", "siren": SIREN_OK},
        on_duplicate="return",
    )
    assert (result.created, result.duplicate_of) == (False, original)
    assert Activity.objects.count() == 0 and AuditEntry.objects.count() == before


def test_freemail_addresses_are_not_a_duplicate_signal():
    make_lead("A", contact={"email": "a@gmail.com"})
    result = services.lead_intake(
        source="war_room", company="B", contact={"email": "b@gmail.com"}
    )
    assert result.created


@pytest.mark.parametrize(
    "first,second,signals",
    [
        (
            {"company": {"name": "A", "website": "https://www.a-clot.fr"}},
            {"company": {"name": "B", "website": "a-clot.fr/contact"}},
            ["domain"],
        ),
        (
            {"company": {"name": "A", "website": "https://a-clot.fr"}},
            {"company": "B", "contact": {"email": "x@a-clot.fr"}},
            ["domain"],
        ),
        ({"company": "Clôtures Martin SARL"}, {"company": "CLOTURES MARTIN"}, ["name"]),
        (
            {"company": "Clôtures Martin SARL"},
            {"company": "Clotures Martn"},
            ["similar_name"],
        ),
        (
            {"company": {"name": "Grillages du Sud", "postal_code": "33000"}},
            {"company": {"name": "Grillage Sud Ouest", "postal_code": "33 000"}},
            ["similar_name", "postcode"],
        ),
    ],
)
def test_weak_signals_create_a_lead_flagged_for_review(first, second, signals):
    original = services.lead_intake(source="war_room", **first).lead
    with translation.override("en"):
        result = services.lead_intake(source="website", **second)
    assert result.created and result.lead != original
    assert result.possible_duplicates == [original.pk]
    flag = DuplicateFlag.objects.get(lead=result.lead)
    assert (flag.other, flag.signals, flag.status) == (original, signals, "open")
    assert result.warnings[0].startswith(
        f"Possible duplicate of “{original.company.name}” (lead #{original.pk}: "
    )


def test_names_differing_by_their_number_are_different_companies():
    make_lead("Clôtures Écoles 12")
    result = services.lead_intake(source="war_room", company="Clôtures Écoles 13")
    assert result.created and result.possible_duplicates == []


def test_two_people_of_one_firm_on_two_sites_stay_two_findable_people(sales_user):
    """The bug of the issue: Jérôme's quote on Brise-vue Lille was attached to
    another customer's lead on Portails Nice (same e-mail domain) and his name
    and e-mail were nowhere. Now: two leads, flagged, both people searchable."""
    from prospecting.search import lead_search

    nice = services.lead_intake(
        source="website",
        company="Résidence Azur",
        contact={"name": "Claire Roux", "email": "claire@residences-azur.fr"},
        attribution={"hostname": "portails-nice.localhost"},
    ).lead
    lille = services.lead_intake(
        source="website",
        company="Résidences Azur",
        contact={"name": "Jérôme Petit", "email": "jerome@residences-azur.fr"},
        attribution={"hostname": "brise-vue-lille.localhost"},
    )
    assert lille.created and lille.lead != nice
    assert DuplicateFlag.objects.get(lead=lille.lead).other == nice
    for query, lead in (
        ("Jérôme", lille.lead),
        ("jerome@residences-azur.fr", lille.lead),
        ("Claire Roux", nice),
    ):
        found = lead_search(user=sales_user, q=query).leads
        assert lead in found, query
    assert lille.lead.received["contact"]["email"] == "jerome@residences-azur.fr"


def test_an_attached_submission_keeps_the_person_and_what_they_sent(sales_user):
    """The same e-mail writes again from another site with a colleague's phone:
    attached (strong identity), the raw submission on the timeline, and a
    second person at the same company is a contact of their own."""
    first = services.lead_intake(
        source="website",
        company="Haras des Landes",
        contact={"name": "Luc Bré", "email": "luc@haras-landes.fr"},
    ).lead
    again = services.lead_intake(
        source="website",
        company="Haras des Landes",
        contact={
            "name": "Luc Bré",
            "email": "luc@haras-landes.fr",
            "phone": "0556123456",
        },
        note="Deuxième devis",
        raw={
            "Nom": "Luc Bré",
            "Téléphone": "05 56 12 34 56",
            "Projet": "Deuxième devis",
        },
    )
    assert not again.created and again.lead == first
    activity = Activity.objects.get(lead=first)
    assert activity.data["raw"]["Téléphone"] == "05 56 12 34 56"
    luc = first.company.contacts.get()
    assert luc.phone == "+33556123456"  # completed, not duplicated
    colleague = services.lead_intake(
        source="website",
        company="Haras des Landes",
        contact={
            "name": "Anne Bré",
            "email": "anne@haras-landes.fr",
            "phone": "0556123456",
        },
    )
    assert colleague.lead == first  # same phone: the same customer
    assert set(first.company.contacts.values_list("email", flat=True)) == {
        "luc@haras-landes.fr",
        "anne@haras-landes.fr",
    }


def test_a_closed_lead_does_not_capture_a_new_request(sales_user):
    first = make_lead(company={"name": "A", "siren": SIREN_OK})
    services.lead_move_stage(
        lead=first, stage=services.stage_by_key("won"), by=sales_user
    )
    with translation.override("en"):
        result = services.lead_intake(
            source="website", company={"name": "A", "siren": SIREN_OK}
        )
    assert result.created and result.lead != first
    assert result.lead.company == first.company  # same company, a new lead
    assert result.warnings == [f"Known company: “A” had lead #{first.pk} (Won)"]


def test_deleted_leads_do_not_capture_new_finds(sales_user):
    old = make_lead(company={"name": "A", "siren": SIREN_OK})
    services.lead_soft_delete(lead=old, by=sales_user)
    assert services.lead_intake(
        source="war_room", company={"name": "A", "siren": SIREN_OK}
    ).created


def test_activity_log_touches_lead_and_refuses_unknown_kinds(sales_user):
    lead = make_lead()
    activity = services.activity_log(
        lead=lead, kind="video_call", by=sales_user, duration_minutes=12
    )
    lead.refresh_from_db()
    assert lead.last_activity_at == activity.occurred_at
    assert activity.duration_minutes == 12
    with pytest.raises(ValidationError):
        services.activity_log(lead=lead, kind="telepathy", by=sales_user)


def test_warnings_are_translated():
    original = make_lead("Clôtures Martin")
    with translation.override("fr"):
        result = services.lead_intake(source="war_room", company="Clotures Martin SARL")
    assert result.warnings == [
        f"Doublon possible de « Clôtures Martin » (lead #{original.pk} : "
        "même nom d’entreprise)"
    ]
