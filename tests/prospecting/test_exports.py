import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from prospecting.attribution import CHANNEL_LABELS, source_words
from prospecting.exports import safe_cell
from prospecting.models import Lead

from .factories import make_lead

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+33 5 56", "'+33 5 56"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("Normal", "Normal"),
        (12, 12),
        (None, ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_csv_export_escapes_formulas_and_follows_filters(sales_user, staff_user):
    make_lead(
        "=cmd|' /C calc'!A0",
        company={"name": "=cmd|' /C calc'!A0", "region": "Bretagne"},
        note="@danger",
    )
    make_lead(
        "Sage SARL", company={"name": "Sage SARL", "region": "Occitanie"}, by=staff_user
    )
    response = client_for(sales_user).get("/war-room/export.csv?region=Bretagne")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    assert "'=cmd|' /C calc'!A0" in content and "'@danger" in content
    assert "Sage SARL" not in content
    staff = b"".join(
        client_for(staff_user).get("/war-room/export.csv").streaming_content
    ).decode()
    assert "Sage SARL" in staff and "calc" not in staff


def xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_cells_are_typed_and_text_is_never_a_formula(sales_user):
    lead = make_lead(
        '=HYPERLINK("http://evil")',
        company={"name": '=HYPERLINK("http://evil")'},
        contact={"first_name": "Jean", "phone": "05 56 12 34 56"},
        estimated_value=Decimal("6800.50"),
        note="ligne\x0bcassée",  # a control character XLSX refuses
    )
    Lead.objects.filter(pk=lead.pk).update(
        next_action="Rappeler", next_action_due=date(2026, 3, 31)
    )
    sheet = xlsx(client_for(sales_user).get("/war-room/export.xlsx"))
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet[1][-1].column_letter}2"
    assert sheet.column_dimensions["B"].width >= 30
    assert all(c.font.b for c in sheet[1])
    name = cells[gettext("Company")]
    assert name.value == '=HYPERLINK("http://evil")' and name.data_type == "s"
    phone = cells[gettext("Phone")]
    assert (phone.value, phone.data_type, phone.number_format) == (
        "+33556123456",
        "s",
        "@",
    )
    value = cells[gettext("Estimated value (€)")]
    assert value.value == Decimal("6800.5") and value.number_format == '#,##0.00 "€"'
    due = cells[gettext("Due")]
    assert due.is_date and due.value.date() == date(2026, 3, 31)
    assert due.number_format == "dd/mm/yyyy"
    created = cells[gettext("Created")]
    local = timezone.localtime(lead.created_at).replace(tzinfo=None, microsecond=0)
    assert created.is_date and created.number_format == "dd/mm/yyyy hh:mm"
    assert abs((created.value - local).total_seconds()) < 1
    assert cells[gettext("Note")].value == "lignecassée"
    assert cells[gettext("Lead")].value == lead.pk
    assert cells[gettext("Lead")].data_type == "n"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_exports_carry_where_the_lead_came_from(sales_user, staff_user):
    from wagtail.models import Page, Site

    site = Site.objects.create(
        hostname="portails-nice.localhost",
        port=80,
        root_page=Page.get_first_root_node(),
        site_name="Portails Nice",
    )
    touch = {
        "utm_source": "newsletter",
        "utm_medium": "email",
        "utm_campaign": "newsletter-printemps",
    }
    make_lead(
        "Golf des Pins",
        source="website",
        attribution={
            "site_id": site.pk,
            "site_name": "Portails Nice",
            "hostname": "portails-nice.localhost",
            "last_touch": touch,
        },
    )
    sheet = xlsx(client_for(sales_user).get("/war-room/export.xlsx"))
    row = dict(
        zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True)
    )
    with translation.override("fr"):
        expected = {
            gettext("Site"): "Portails Nice",
            gettext("Channel"): str(CHANNEL_LABELS["campaign"]),
            gettext("Campaign"): "Newsletter printemps",
            gettext("UTM source"): "newsletter",
            gettext("UTM medium"): "email",
            gettext("UTM campaign"): "newsletter-printemps",
        }
        expected[gettext("Source")] = source_words(Lead.objects.get())
    assert {k: row[k] for k in expected} == expected
    assert gettext("Won (€)") in row
    text = b"".join(
        client_for(sales_user).get("/war-room/export.csv").streaming_content
    ).decode()
    assert "Portails Nice;" in text and ";newsletter-printemps;" in text
    # Staff see their own finds, never a won amount column.
    staff = xlsx(client_for(staff_user).get("/war-room/export.xlsx"))
    assert gettext("Won (€)") not in [c.value for c in staff[1]]


def test_list_filters_by_origin_and_dates(sales_user):
    first = make_lead("Ancien", source="war_room", by=sales_user)
    make_lead("Récent", source="import")
    Lead.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    client = client_for(sales_user)
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    text = b"".join(
        client.get(f"/war-room/export.csv?from={since}").streaming_content
    ).decode()
    assert "Récent" in text and "Ancien" not in text
    html = client.get("/war-room/list/?channel=war_room").content.decode()
    assert "Ancien" in html and "Récent" not in html
    assert 'data-filter="channel"' in html  # the chip saying the list is filtered


@pytest.mark.parametrize(
    "query",
    ["from=2026-02-31", "to=demain", "from=2026-05-02&to=2026-05-01", "from=1e9"],
)
def test_bad_dates_in_list_and_exports_say_why(sales_user, query):
    client = client_for(sales_user)
    for url in ("/war-room/list/", "/war-room/export.csv", "/war-room/export.xlsx"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        assert 'id="filter-errors"' in response.content.decode()


def test_export_is_refused_to_anonymous():
    assert Client().get("/war-room/export.csv").status_code == 302
