import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from prospecting.exports import safe_cell

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


def test_xlsx_export_escapes_formulas(sales_user):
    make_lead(
        '=HYPERLINK("http://evil")',
        company={"name": '=HYPERLINK("http://evil")'},
        estimated_value=1200,
    )
    response = client_for(sales_user).get("/war-room/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][15] == 1200
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_is_refused_to_anonymous():
    assert Client().get("/war-room/export.csv").status_code == 302
