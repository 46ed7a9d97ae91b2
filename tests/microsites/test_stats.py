"""Cookieless counting: page views and visits by beacon, conversions at the
thank-you page, DNT/GPC and robots not counted, the funnel with won deals."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from microsites.models import ContactPage, PageStatDay, ProductPage
from microsites.selectors import funnel_by_page, funnel_by_site
from prospecting.models import Lead, PipelineStage
from prospecting.services import lead_move_stage

from .test_contact import form_data

HOST = "portails-bordeaux.localhost"
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
)


def visitor(**headers):
    return Client(HTTP_HOST=HOST, HTTP_USER_AGENT=BROWSER, **headers)


def product(site):
    return ProductPage.objects.descendant_of(site.root_page).get()


def beacon(client, page, visit="1"):
    return client.post("/_stats/view/", {"p": page.pk, "v": visit})


def today_row(page):
    return PageStatDay.objects.filter(page=page, day=timezone.localdate()).first()


@pytest.mark.django_db
def test_pages_carry_the_counter_script_and_set_no_cookie(bordeaux):
    response = visitor().get("/portail-battant/")
    assert f'data-page="{product(bordeaux).pk}"' in response.text
    assert "microsites/js/stats.js" in response.text
    assert not response.cookies  # no cookie at all on an ordinary visit
    sent = beacon(visitor(), product(bordeaux))
    assert sent.status_code == 204 and not sent.cookies


@pytest.mark.django_db
def test_beacon_counts_views_and_visits_per_day_and_page(bordeaux):
    page = product(bordeaux)
    beacon(visitor(), page, visit="1")
    beacon(visitor(), page, visit="0")  # from another page of the site
    beacon(visitor(), page, visit="1")
    row = today_row(page)
    assert (row.views, row.visits, row.quotes, row.site_id) == (3, 2, 0, bordeaux.pk)
    assert PageStatDay.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/131.0"},
        {"HTTP_USER_AGENT": ""},
    ],
)
def test_no_count_for_dnt_gpc_and_robots(bordeaux, headers):
    client = Client(HTTP_HOST=HOST, **{"HTTP_USER_AGENT": BROWSER, **headers})
    assert beacon(client, product(bordeaux)).status_code == 204
    assert not PageStatDay.objects.exists()


@pytest.mark.django_db
def test_beacon_ignores_other_sites_pages_drafts_and_junk(bordeaux, lyon):
    client = visitor()
    own = product(bordeaux)
    assert beacon(client, product(lyon)).status_code == 204  # not this host's
    draft = ProductPage(title="Brouillon", slug="brouillon", live=False)
    bordeaux.root_page.add_child(instance=draft)
    beacon(client, draft)
    client.post("/_stats/view/", {"p": "abc"})
    assert not PageStatDay.objects.exists()
    assert client.get("/_stats/view/").status_code == 405
    unknown = Client(HTTP_HOST="nowhere.localhost", HTTP_USER_AGENT=BROWSER)
    assert unknown.post("/_stats/view/", {"p": own.pk}).status_code == 404


@pytest.mark.django_db
def test_a_quote_counts_once_at_its_thank_you_page(bordeaux, fast_forms):
    client = visitor()
    sent = client.post("/devis/", form_data())
    assert sent.status_code == 303
    client.get(sent["Location"])
    client.get(sent["Location"])  # a reload counts nothing more
    contact = ContactPage.objects.descendant_of(bordeaux.root_page).get()
    assert today_row(contact).quotes == 1 and today_row(contact).views == 0
    private = visitor(HTTP_DNT="1")
    again = private.post("/devis/", form_data(e_mail="autre@example.com"))
    private.get(again["Location"])
    assert today_row(contact).quotes == 1  # asked not to be tracked


@pytest.mark.django_db
def test_funnel_by_site_and_page_with_won_deals(bordeaux, lyon, fast_forms):
    page = product(bordeaux)
    beacon(visitor(), page)
    beacon(visitor(), page)
    client = visitor()
    client.get(client.post("/devis/", form_data())["Location"])
    lead = Lead.objects.get()
    won = PipelineStage.objects.get(kind=PipelineStage.Kind.WON)
    lead_move_stage(lead=lead, stage=won, by=None, won_amount=Decimal("6800.00"))
    today = timezone.localdate()
    rows = {row["site_id"]: row for row in funnel_by_site(today, today)}
    assert rows[bordeaux.pk] == {
        "site_id": bordeaux.pk,
        "site_name": "Portails Bordeaux",
        "hostname": HOST,
        "views": 2,
        "visits": 2,
        "quotes": 1,
        "won": 1,
        "won_amount": Decimal("6800.00"),
    }
    assert rows[lyon.pk]["visits"] == 0 and rows[lyon.pk]["won"] == 0
    yesterday = today - datetime.timedelta(days=1)
    assert funnel_by_site(yesterday, yesterday)[0]["visits"] == 0
    pages = {row["page"].pk: row for row in funnel_by_page(bordeaux, today, today)}
    contact = ContactPage.objects.descendant_of(bordeaux.root_page).get()
    assert pages[page.pk]["visits"] == 2 and pages[page.pk]["won"] == 0
    assert (pages[contact.pk]["quotes"], pages[contact.pk]["won"]) == (1, 1)


@pytest.mark.django_db
def test_staff_list_shows_the_funnel_revenue_for_sales_only(
    client, bordeaux, staff_user, sales_user, outsider_user, fast_forms
):
    beacon(visitor(), product(bordeaux))
    visitor_client = visitor()
    visitor_client.get(visitor_client.post("/devis/", form_data())["Location"])
    won = PipelineStage.objects.get(kind=PipelineStage.Kind.WON)
    lead_move_stage(
        lead=Lead.objects.get(), stage=won, by=None, won_amount=Decimal(900)
    )
    client.force_login(sales_user)
    text = client.get("/sites/").text
    row = text.split(f'data-site="{HOST}"')[1].split("</tr>")[0]
    assert "<td data-visits>1</td>" in row and "<td data-quotes>1</td>" in row
    assert "data-won-amount" in row and "900" in row
    detail = client.get(f"/sites/{bordeaux.pk}/?days=7")
    assert detail.status_code == 200 and "data-won-amount" in detail.text
    client.force_login(staff_user)
    text = client.get("/sites/").text
    assert "<td data-visits>1</td>" in text and "data-won-amount" not in text
    assert "data-won-amount" not in client.get(f"/sites/{bordeaux.pk}/").text
    client.force_login(outsider_user)
    assert client.get("/sites/").status_code == 403
    assert client.get(f"/sites/{bordeaux.pk}/").status_code == 403


@pytest.mark.django_db
def test_cache_control_public_for_anonymous_pages_private_otherwise(bordeaux):
    page = visitor().get("/portail-battant/")
    assert (
        "public" in page["Cache-Control"] and "s-maxage=86400" in page["Cache-Control"]
    )
    assert "public" in visitor().get("/portail-battant/")["Cache-Control"]  # a hit
    form = visitor().get("/devis/")
    assert "public" not in form["Cache-Control"] and "no-cache" in form["Cache-Control"]
    staff = visitor()
    staff.cookies["sessionid"] = "whatever"
    assert "private" in staff.get("/portail-battant/")["Cache-Control"]
    campaign = visitor().get("/portail-battant/?utm_source=google")
    assert campaign.cookies and "private" in campaign["Cache-Control"]
    dnt = visitor(HTTP_DNT="1").get("/portail-battant/?utm_source=google")
    assert not dnt.cookies  # no attribution cookie for who asked not to be tracked
