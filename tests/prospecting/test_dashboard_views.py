"""The dashboard page and its exports: who sees revenue, filters, bad input,
bounded queries."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from prospecting.attribution import CHANNEL_LABELS
from prospecting.stats.report import NAME, TITLES

from .dashboard_data import build, lead, site, web

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(staff_user, sales_user, manager_user):
    return build(staff=staff_user, sales=sales_user, manager=manager_user)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def main(response) -> str:
    return response.content.decode().split("<main", 1)[1]


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def last_60_days() -> str:
    today = timezone.localdate()
    return f"start={today - timedelta(days=60):%Y-%m-%d}&end={today:%Y-%m-%d}"


def test_revenue_for_sales_and_managers_only(
    data, staff_user, sales_user, manager_user, outsider_user
):
    for user in (sales_user, manager_user):
        response = client_for(user).get(f"/war-room/dashboard/?{last_60_days()}")
        html = plain(main(response))
        assert response.status_code == 200
        assert 'data-kpi="revenue">16 500 €<' in html
        assert 'id="forecast"' in html and "data-revenue" in html
    refused = plain(
        main(client_for(staff_user).get(f"/war-room/dashboard/?{last_60_days()}"))
    )
    assert 'data-kpi="leads">6<' in refused
    assert "€" not in refused and 'data-kpi="revenue"' not in refused
    assert 'id="forecast"' not in refused and "data-revenue" not in refused
    assert client_for(outsider_user).get("/war-room/dashboard/").status_code == 403
    assert Client().get("/war-room/dashboard/").status_code == 302


def test_tables_charts_and_drill_down_links(data, sales_user):
    html = plain(
        main(client_for(sales_user).get(f"/war-room/dashboard/?{last_60_days()}"))
    )
    for key in ("channel", "month", "site", "utm_source", "utm_campaign"):
        assert f'id="table-{key}"' in html
    assert html.count('<svg class="chart"') >= 4
    assert "Portails Nice" in html and "Brise-vue Lille" in html
    assert "portails-nice.localhost" not in html
    assert "12 000,00 €" in html  # Nice's won revenue, in the reader's format
    assert f"site={data['nice'].pk}" in html and "channel=campaign" in html


def test_filters_change_every_table(data, sales_user):
    client = client_for(sales_user)
    url = f"/war-room/dashboard/?{last_60_days()}&site={data['lille'].pk}"
    html = plain(main(client.get(url)))
    assert 'data-kpi="leads">2<' in html and 'data-kpi="revenue">3 000 €<' in html
    assert "Portails Nice" not in html.split('id="table-site"')[1].split("</table>")[0]
    html = plain(
        main(client.get(f"/war-room/dashboard/?{last_60_days()}&channel=war_room"))
    )
    assert 'data-kpi="leads">2<' in html and 'data-kpi="revenue">0 €<' in html


def label(name):
    from prospecting.forms_dashboard import DashboardFilterForm

    return lambda: str(DashboardFilterForm.base_fields[name].label)


@pytest.mark.parametrize(
    "query,message",
    [
        ("period=decade", lambda: "decade"),
        ("period=custom&start=2026-13-01&end=2026-12-31", lambda: "2026-03-31"),
        (
            "period=custom&start=2026-05-01",
            lambda: gettext("A custom period needs a start date and an end date."),
        ),
        (
            "start=2026-06-01&end=2026-05-01",
            lambda: gettext("The start date comes after the end date."),
        ),
        ("start=2010-01-01&end=2026-01-01", lambda: "60"),
        ("site=abc", label("site")),
        ("owner=999999", label("owner")),
        ("team=-1", label("team")),
        ("channel=<script>", label("channel")),
    ],
)
def test_bad_filters_are_explained_not_a_500(sales_user, query, message):
    response = client_for(sales_user).get(f"/war-room/dashboard/?{query}")
    assert response.status_code == 400
    html = main(response)
    errors = html.split('id="filter-errors"')[1].split("</ul>")[0]
    with translation.override("fr"):  # the language of the page
        expected = message()
    assert expected in errors.replace("&#x27;", "'")
    assert "<script>" not in html
    for export in ("export.xlsx", "export.csv"):
        refused = client_for(sales_user).get(f"/war-room/dashboard/{export}?{query}")
        assert refused.status_code == 400
        assert 'id="filter-errors"' in refused.content.decode()


def test_unknown_export_table(sales_user):
    response = client_for(sales_user).get("/war-room/dashboard/export.csv?table=x")
    assert response.status_code == 400 and "x" in response.content.decode()


def test_dashboard_exports_carry_the_tables_typed(data, sales_user, staff_user):
    response = client_for(sales_user).get(
        f"/war-room/dashboard/export.xlsx?{last_60_days()}"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    with translation.override("fr"):  # as the (French) request wrote them
        titles = [str(TITLES[k]) for k in TITLES]
        labels = {
            "channel": str(NAME["channel"]),
            "website": str(CHANNEL_LABELS["website"]),
            "total": gettext("Total"),
        }
    # …then the table per campaign (the campaigns app's) and the notes.
    assert book.sheetnames[:5] == titles and len(book.sheetnames) == 7
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I6"
    header = [c.value for c in sheet[1]]
    assert header[0] == labels["channel"] and len(header) == 9
    website = sheet[2]
    assert website[0].value == labels["website"] and website[0].data_type == "s"
    assert website[1].value == 2 and website[1].data_type == "n"
    revenue = website[4]
    assert revenue.value == Decimal("12000") and revenue.number_format == '#,##0.00 "€"'
    assert sheet[6][0].value == labels["total"] and sheet[6][1].value == 6
    months = book.worksheets[1]
    assert months[2][0].is_date and months[2][0].number_format == "mmm yyyy"
    csv = client_for(sales_user).get(
        f"/war-room/dashboard/export.csv?{last_60_days()}&table=site"
    )
    text = b"".join(csv.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff") and "Portails Nice;2;1;50.0;12000.00" in text
    staff = client_for(staff_user).get(
        f"/war-room/dashboard/export.xlsx?{last_60_days()}"
    )
    headers = [
        c.value for c in load_workbook(io.BytesIO(staff.content)).worksheets[0][1]
    ]
    assert len(headers) == 6  # no revenue column for who may not see revenue


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_is_bounded_and_does_not_grow_with_leads(
    data, sales_user, django_assert_max_num_queries
):
    client = client_for(sales_user)
    url = f"/war-room/dashboard/?{last_60_days()}"
    client.get(url)  # sessions, content types, stages: warm
    small = _queries(client, url)
    now = timezone.now()
    extra = site("grillage-lyon.localhost", "Grillage Lyon")
    for n in range(30):
        lead(
            f"Plus {n}",
            source="website",
            attribution=web(
                extra, utm_source=f"source-{n % 7}", utm_campaign=f"c{n % 5}"
            ),
            estimated_value=Decimal(1000 + n),
            created=now - timedelta(days=n % 50),
            contact_hours=n % 9,
        )
    assert _queries(client, url) == small
    with django_assert_max_num_queries(32):
        client.get(url)
