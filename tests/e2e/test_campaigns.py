"""A manager sends an appeal from the browser; the mails reach a real SMTP server
(aiosmtpd); a customer unsubscribes from the link in the mail; the pages pass axe."""

import re
from urllib.parse import urlsplit

import pytest

from campaigns.models import Suppression
from hub import roles
from tests.campaigns.factories import make_campaign, make_customers
from tests.conftest import axe_violations, login, make_user, screenshot


@pytest.mark.django_db(transaction=True)
def test_manager_sends_and_a_customer_unsubscribes(
    daphne_server, page, new_context, smtp_server
):
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène")
    make_customers(3)
    campaign = make_campaign(slug="appel-printemps")
    smtp_server.messages.clear()
    login(page, daphne_server, "manager")
    page.goto(f"{daphne_server}/campaigns/")
    page.get_by_role("link", name="Vos souvenirs attendent").click()
    page.locator("#audience-count").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "campaign-detail")
    page.locator("main").get_by_role("button", name=re.compile("3")).first.click()
    for i in range(3):
        smtp_server.wait_for(lambda m, i=i: m["to"] == [f"contact@client-{i}.fr"])
    page.locator("#send-stats").get_by_text("3", exact=True).first.wait_for()
    mail = next(m for m in smtp_server.messages if m["to"] == ["contact@client-0.fr"])
    html = mail["message"].get_body(("html",)).get_content()
    assert "Bonjour Prénom0" in html
    unsubscribe = re.search(r'href="([^"]+/m/u/[^"]+)"', html).group(1)
    customer = new_context().new_page()
    # Links carry HUB_BASE_URL; the test server listens on another port.
    customer.goto(daphne_server + urlsplit(unsubscribe).path)
    assert axe_violations(customer) == []
    customer.get_by_role(
        "button", name=re.compile("nsubscribe|désinscri", re.I)
    ).click()
    customer.get_by_role("heading", level=1).wait_for()
    assert Suppression.objects.filter(email="contact@client-0.fr").exists()
    assert campaign.pk


@pytest.mark.django_db(transaction=True)
def test_campaign_pages_are_accessible(daphne_server, page):
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène")
    make_customers(2)
    campaign = make_campaign()
    login(page, daphne_server, "manager")
    for path, name in (
        ("/campaigns/", "campaign-list"),
        ("/campaigns/audiences/new/", "campaign-audience"),
        (f"/campaigns/{campaign.pk}/surge/", "campaign-surge"),
    ):
        page.goto(daphne_server + path)
        page.locator("h1").wait_for()
        assert axe_violations(page) == [], path
        screenshot(page, name)
    page.goto(f"{daphne_server}/campaigns/audiences/new/")
    page.fill("#id_name", "Rhône")
    page.fill("#id_departments", "69, Lyon")
    page.get_by_role("button", name=re.compile("Save|Enregistrer")).click()
    page.get_by_text(re.compile("LYON")).first.wait_for()


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_shows_each_campaign_and_opens_its_page(daphne_server, page):
    from decimal import Decimal

    from tests.campaigns.factories import make_campaign_lead, mark_sent

    manager = make_user(
        "manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène"
    )
    campaign = make_campaign(slug="appel-printemps")
    mark_sent(campaign, sent=120, clicked=18, replied=7)
    make_campaign_lead(campaign, "Portails Rhône", by=manager, won=Decimal("8400"))
    make_campaign_lead(campaign, "Clôtures Ain", by=manager, value="2500")
    login(page, daphne_server, "manager")
    page.goto(f"{daphne_server}/war-room/dashboard/")
    table = page.locator("#table-campaigns")
    row = table.locator("tbody tr").first
    assert row.locator("th").inner_text() == "Vos souvenirs attendent"
    assert row.locator("[data-col=sent]").inner_text() == "120"
    assert row.locator("[data-col=replied]").inner_text() == "7"
    assert row.locator("[data-col=leads]").inner_text() == "2"
    assert "8" in row.locator("[data-col=revenue]").inner_text()
    section = page.locator("#per-campaign")
    section.scroll_into_view_if_needed()
    assert axe_violations(page) == []
    section.screenshot(path=str(_artifact("dashboard-per-campaign")))
    page.set_viewport_size({"width": 390, "height": 844})
    section.screenshot(path=str(_artifact("dashboard-per-campaign-mobile")))
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link", name="Vos souvenirs attendent").click()
    page.wait_for_url(f"**/campaigns/{campaign.pk}/")
    assert "Vos souvenirs attendent" in page.locator("h1").inner_text()


def _artifact(name):
    from tests.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
