"""What users expect of the board and its forms: € totals per column, French
money, full names, the source in words, web addresses as people type them, the
leads of one import, a report in plain words."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from hub.templatetags.hub_format import money, number
from prospecting import imports, services
from prospecting.forms import LeadEditForm
from prospecting.models import ImportJob, Lead
from tests.conftest import make_user

from .factories import make_lead

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "value", "decimals", "text"),
    [
        ("fr", Decimal("6800"), 2, "6\u00a0800,00\u00a0€"),
        ("fr", 1234567.5, 0, "1\u00a0234\u00a0568\u00a0€"),
        ("en", Decimal("6800"), 2, "€6,800.00"),
        ("fr", None, 2, ""),
        ("fr", "not a number", 2, ""),
    ],
)
def test_money_reads_the_way_the_language_writes_it(language, value, decimals, text):
    with translation.override(language):
        assert money(value, decimals) == text


def test_numbers_are_grouped():
    with translation.override("fr"):
        assert number(12500) == "12\u00a0500"


def test_each_column_shows_its_count_and_euro_total(sales_user):
    make_lead("A", by=sales_user, estimated_value=Decimal("6800"))
    make_lead("B", by=sales_user, estimated_value=Decimal("1200.50"))
    page = client_for(sales_user).get("/war-room/")
    first = page.context["columns"][0]
    assert (first["count"], first["total"]) == (2, Decimal("8000.50"))
    html = page.content.decode()
    assert 'data-total="8000.50"' in html
    assert "8\u00a0001\u00a0€" in html  # whole euros on the board, rounded half up
    assert 'data-value="6800.00"' in html  # the card carries it for live moves


def test_the_board_costs_the_same_queries_with_many_leads(
    sales_user, django_assert_max_num_queries
):
    for n in range(40):
        make_lead(f"Client {n}", by=sales_user, estimated_value=Decimal(n))
    client = client_for(sales_user)
    client.get("/war-room/")  # warm caches (session, content types)
    with django_assert_max_num_queries(25):
        assert client.get("/war-room/").status_code == 200


def test_owner_lists_show_full_names(sales_user):
    lead = make_lead("A", by=sales_user)
    make_user("jdupont", "Sales", first_name="Jean", last_name="Dupont")
    labels = [
        label for _value, label in LeadEditForm(instance=lead).fields["owner"].choices
    ]
    assert "Jean Dupont" in labels and "jdupont" not in labels


def test_a_website_card_names_the_site(sales_user):
    services.lead_intake(
        source="website",
        company="Résidence Les Pins",
        contact={"email": "jeanne@lespins.example"},
        attribution={"site_id": 9, "site_name": "Portails Bordeaux"},
    )
    html = client_for(sales_user).get("/war-room/").content.decode()
    assert ">Portails Bordeaux</span>" in html


def test_quick_add_accepts_an_address_without_https(staff_user):
    response = client_for(staff_user).post(
        "/war-room/add/",
        {"company": "Haras", "source_url": "www.haras-landes.fr/contact"},
    )
    assert response.status_code == 302
    assert Lead.objects.get().source_url == "https://www.haras-landes.fr/contact"
    bad = client_for(staff_user).post(
        "/war-room/add/", {"company": "X", "source_url": "javascript:alert(1)"}
    )
    assert bad.status_code == 400


def test_the_leads_of_an_import_are_those_it_created(tmp_path, sales_user, roots):
    make_lead("Avant l'import", by=sales_user, source="import")
    job = ImportJob.objects.create(
        created_by=sales_user,
        original_name="salon.csv",
        encoding="utf-8",
        delimiter=";",
        headers=["Société", "Téléphone"],
        mapping={"Société": "company.name", "Téléphone": "contact.phone"},
        status=ImportJob.Status.RUNNING,
        total_rows=2,
    )
    from django.core.files.base import ContentFile

    job.file.save(
        "salon.csv", ContentFile("Société;Téléphone\nClôtures Neuves;\n;abc\n")
    )
    from prospecting.services.imports import import_job_run

    import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert [lead.company.name for lead in job.leads.all()] == ["Clôtures Neuves"]
    client = client_for(sales_user)
    page = client.get(f"/war-room/import/{job.pk}/").content.decode()
    assert f"/war-room/list/?import={job.pk}" in page
    assert "1 nouveau lead a été créé" in page
    listing = client.get(f"/war-room/list/?import={job.pk}")
    assert [lead.company.name for lead in listing.context["page"]] == [
        "Clôtures Neuves"
    ]
    # The skipped row says why in words a person knows.
    reason = job.report[0]["reason"]
    assert reason.startswith("Nom de l'entreprise\u00a0: Indiquez au moins")
    assert "Téléphone\u00a0: Numéro de téléphone invalide" in reason
    assert "name:" not in reason


def test_a_bad_amount_in_an_import_is_explained(sales_user):
    with translation.override("fr"):
        item = imports._item(  # the row parser itself
            3, {"Valeur": "beaucoup"}, {"Valeur": "lead.estimated_value"}
        )
    assert item.status == "skipped" and item.reason.startswith("Valeur estimée")
