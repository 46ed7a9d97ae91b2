"""An import batch costs a bounded number of SQL queries, whatever its rows do:
new companies, customers already in the war room (another person of theirs, the
same person with a new phone), look-alikes flagged for review, rows repeating
one another, invalid rows. Lookups are one query per kind for the whole batch
and writes are bulk: only the INSERTs that SQLite must split (999 parameters a
statement) grow with the rows."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from stdnum import luhn

from prospecting import imports
from prospecting.models import Activity, Contact, DuplicateFlag, Lead

from .factories import make_lead

pytestmark = pytest.mark.django_db

HEADERS = [
    "Raison sociale",
    "Site web",
    "SIREN",
    "Prénom",
    "Nom",
    "E-mail",
    "Téléphone",
    "Note",
]


def siren(number: int) -> str:
    base = f"{number:08d}"
    return base + luhn.calc_check_digit(base)


def customers(prefix: str, count: int) -> list[Lead]:
    """Leads already in the war room, each with a SIREN, a site and a person."""
    return [
        make_lead(
            company={
                "name": f"{prefix} Clôtures {i}",
                "siren": siren(hash((prefix, i)) % 10**8),
                "website": f"{prefix.lower()}-{i}.example.fr",
            },
            contact={
                "first_name": "Amélie",
                "email": f"amelie@{prefix.lower()}-{i}.example.fr",
            },
        )
        for i in range(count)
    ]


def phone(area: int, index: int) -> str:
    return f"04 {area} {index // 100:02d} {index % 100:02d} 00"


def rows_about(known: list[Lead], count: int, tag: str) -> list[tuple[int, dict]]:
    """`count` rows, a tenth of each kind the intake tells apart, the rest new."""
    area = {"a": 77, "b": 78, "c": 79}[tag]  # each batch its own phone numbers
    rows = []
    for i in range(count):
        lead = known[(i // 10) % len(known)]
        company = lead.company
        kind = i % 10
        values = dict.fromkeys(HEADERS, "")
        values["Note"] = f"Ligne {tag}-{i}"
        if kind == 0:  # the customer again, written by a colleague: a new contact
            values.update(
                {
                    "Raison sociale": company.name.upper(),
                    "SIREN": company.siren,
                    "Prénom": "Bruno",
                    "E-mail": f"bruno{tag}{i}@{company.domain}",
                }
            )
        elif kind == 1:  # the same person again, with a phone this time
            values.update(
                {
                    "Raison sociale": company.name,
                    "SIREN": company.siren,
                    "E-mail": lead.contact.email,
                    "Téléphone": f"05 56 {i // 100:02d} {i % 100:02d} 0{kind}",
                }
            )
        elif kind == 2:  # same site and name, no SIREN, someone else: a look-alike
            values.update(
                {
                    "Raison sociale": company.name,
                    "Site web": company.website,
                    "E-mail": f"claire{tag}{i}@{company.domain}",
                }
            )
        elif kind == 3:  # the phone of a row below: one of them attaches to the other
            values.update(
                {
                    "Raison sociale": f"Doublon {tag} {i}",
                    "Téléphone": phone(area, i + 2),
                }
            )
        elif kind == 4:
            values.update(
                {"Raison sociale": f"Mauvais {tag} {i}", "SIREN": "123456789"}
            )
        else:
            values.update(
                {
                    "Raison sociale": f"Nouveau {tag} {i}",
                    "Site web": f"nouveau-{tag}-{i}.fr",
                    "Prénom": "Léa",
                    "E-mail": f"lea@nouveau-{tag}-{i}.fr",
                    "Téléphone": phone(area, i),
                }
            )
        rows.append((i + 2, values))
    return rows


def run_batch(rows, by) -> tuple[list[dict], imports.ImportReport]:
    mapping = imports.validate_mapping(HEADERS, imports.suggest_mapping(HEADERS))
    report = imports.ImportReport()
    with CaptureQueriesContext(connection) as captured:
        imports.run_batch(rows, mapping, by=by, report=report)
    return captured.captured_queries, report


def split(queries) -> tuple[int, int]:
    inserts = sum(1 for q in queries if q["sql"].lstrip().upper().startswith("INSERT"))
    return len(queries) - inserts, inserts


def test_a_batch_costs_the_same_queries_for_40_or_200_rows(sales_user):
    small_queries, small = run_batch(
        rows_about(customers("Nord", 5), 40, "a"), sales_user
    )
    big_queries, big = run_batch(rows_about(customers("Sud", 20), 200, "b"), sales_user)
    # Every kind of row happened, in both batches: per ten rows, two attached
    # to a customer, one to a row of the batch, one invalid, six new leads.
    for report, size in ((small, 40), (big, 200)):
        blocks = size // 10
        assert report.counts == {
            "imported": 6 * blocks,
            "merged": 3 * blocks,
            "skipped": blocks,
        }
    assert DuplicateFlag.objects.count() == 4 + 20
    assert Contact.objects.filter(first_name="Bruno").count() == 4 + 20
    assert (
        Contact.objects.exclude(phone="").filter(first_name="Amélie").count() == 4 + 20
    )
    assert Activity.objects.filter(body__startswith="Ligne").count() > 0
    reads_small, inserts_small = split(small_queries)
    reads_big, inserts_big = split(big_queries)
    # Lookups, updates, audit: the same statements, whatever the rows.
    assert reads_big == reads_small
    # Bulk inserts: one statement per table, or as many as SQLite's parameter
    # limit needs (a lead has ~30 columns: 33 rows a statement).
    per_table = 1 if connection.vendor != "sqlite" else math.ceil(200 / 33)
    assert inserts_big <= 7 * per_table
    assert len(big_queries) < 200 / 4


def test_a_full_batch_stays_under_a_fixed_number_of_queries(
    sales_user, django_assert_max_num_queries
):
    rows = rows_about(customers("Est", 25), imports.BATCH_SIZE, "c")
    mapping = imports.validate_mapping(HEADERS, imports.suggest_mapping(HEADERS))
    with django_assert_max_num_queries(60):
        imports.run_batch(rows, mapping, by=sales_user, report=imports.ImportReport())
    assert Lead.objects.filter(import_key__gt="").count() == 300  # 6 in 10
