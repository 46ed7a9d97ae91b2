"""The boss's dashboard in a real browser: a manager changes the period and the
site, the figures follow, the tables download as Excel; accessible on a desktop
and on a phone."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import Page, Site

from prospecting import stats
from prospecting.stats.periods import named_period
from tests.conftest import axe_violations, login, screenshot

SITES = (
    ("portails-bordeaux.localhost", "Portails Bordeaux"),
    ("grillage-lyon.localhost", "Grillage Lyon"),
    ("clotures-nantes.localhost", "Clôtures Nantes"),
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def kpi(page, name) -> str:
    return page.locator(f"[data-kpi={name}]").inner_text().strip()


def expected_leads(scope) -> str:
    total = sum(line.leads for line in stats.breakdown(scope, "channel"))
    return f"{total:,}".replace(",", "\u202f")


def no_overflow(page) -> bool:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth <= window.innerWidth + 1"
    )


@pytest.mark.django_db(transaction=True)
def test_manager_filters_the_dashboard_and_downloads_it(
    daphne_server, new_context, settings
):
    settings.DEBUG = True
    root = Page.get_first_root_node()
    for host, name in SITES:
        Site.objects.create(hostname=host, port=80, root_page=root, site_name=name)
    call_command(
        "seed_demo",
        "--only",
        "accounts",
        "prospecting",
        "--small",
        stdout=io.StringIO(),
    )
    page = new_context().new_page()
    login(page, daphne_server, "manager")
    page.goto(daphne_server + "/war-room/dashboard/")
    page.locator("#table-channel").wait_for()
    assert kpi(page, "leads").replace(" ", "\u202f") == expected_leads(stats.Scope())
    assert page.locator("svg.chart").count() >= 4
    assert axe_violations(page) == []
    screenshot(page, "dashboard-boss")

    # This quarter: the page reloads with it, every figure follows.
    page.select_option("#id_period", "quarter")
    page.wait_for_url("**period=quarter**")
    page.locator("#table-channel").wait_for()
    quarter = stats.Scope(period=named_period("quarter"))
    assert kpi(page, "leads").replace(" ", "\u202f") == expected_leads(quarter)
    first = quarter.period.first
    assert str(first.year) in page.locator("#scope").inner_text()
    assert page.locator("#table-month tbody tr").count() == 3

    # Back to 12 months, one site only.
    page.select_option("#id_period", "12m")
    page.wait_for_url("**period=12m**")
    bordeaux = Site.objects.get(hostname="portails-bordeaux.localhost")
    page.select_option("#id_site", str(bordeaux.pk))
    page.wait_for_url(f"**site={bordeaux.pk}**")
    page.locator("#table-site").wait_for()
    rows = page.locator("#table-site tbody tr th")
    assert rows.all_inner_texts() == ["Portails Bordeaux"]
    one_site = stats.Scope(site_id=bordeaux.pk)
    assert kpi(page, "leads").replace(" ", "\u202f") == expected_leads(one_site)
    assert axe_violations(page) == []
    screenshot(page, "dashboard-boss-one-site")

    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    channels = book.worksheets[0]
    assert channels.freeze_panes == "A2" and channels.auto_filter.ref
    total = [c.value for c in channels[channels.max_row]]
    assert total[1] == sum(line.leads for line in stats.breakdown(one_site, "channel"))
    assert len(book.worksheets) == 7  # …, by campaign (campaigns app)

    # A bad date in the address: a message in words.
    page.goto(daphne_server + "/war-room/dashboard/?start=2026-02-31&end=2026-03-01")
    page.locator("#filter-errors").wait_for()
    assert axe_violations(page) == []

    phone = new_context(**PHONE).new_page()
    login(phone, daphne_server, "manager")
    phone.goto(daphne_server + "/war-room/dashboard/")
    phone.locator("#table-channel").wait_for()
    assert no_overflow(phone)
    assert axe_violations(phone) == []
    screenshot(phone, "dashboard-boss-phone")
