"""Staff list of microsites (/sites/ on the hub host) and the dashboard panel."""

import pytest

from microsites import attribution
from prospecting.services import lead_intake


def _website_lead(site, email):
    lead_intake(
        source="website",
        company={"name": f"Client {email}"},
        contact={"email": email},
        attribution={"site_id": site.pk, "hostname": site.hostname},
    )


@pytest.mark.django_db
def test_staff_sees_sites_with_pages_and_leads(client, staff_user, bordeaux, lyon):
    _website_lead(bordeaux, "a@a.example")
    _website_lead(bordeaux, "b@b.example")
    client.force_login(staff_user)
    response = client.get("/sites/")
    assert response.status_code == 200
    rows = {r["site"].hostname: r for r in response.context["rows"]}
    assert rows["portails-bordeaux.localhost"]["leads"] == 2
    assert rows["clotures-lyon.localhost"]["leads"] == 0
    assert rows["portails-bordeaux.localhost"]["pages"] == 4
    assert rows["portails-bordeaux.localhost"]["last_published"] is not None
    assert 'data-site="portails-bordeaux.localhost"' in response.text
    assert (
        "New microsite" not in response.text
        and "Nouveau microsite" not in response.text
    )


@pytest.mark.django_db
def test_editor_gets_the_create_button(client, editor_user, bordeaux):
    client.force_login(editor_user)
    text = client.get("/sites/").text
    assert "/cms/microsites/new/" in text
    assert f"/cms/pages/{bordeaux.root_page_id}/" in text


@pytest.mark.django_db
def test_site_list_query_count_does_not_grow(
    client, staff_user, bordeaux, lyon, django_assert_max_num_queries
):
    client.force_login(staff_user)
    client.get("/sites/")
    with django_assert_max_num_queries(12):
        client.get("/sites/")


@pytest.mark.django_db
def test_site_list_refused_to_outsiders_and_anonymous(client, outsider_user):
    assert client.get("/sites/").status_code == 302
    client.force_login(outsider_user)
    assert client.get("/sites/").status_code == 403


@pytest.mark.django_db
def test_dashboard_panel_on_staff_home(client, staff_user, bordeaux):
    _website_lead(bordeaux, "a@a.example")
    client.force_login(staff_user)
    response = client.get("/")
    assert 'data-panel="microsites.sites"' in response.text
    assert 'data-count="website-leads">1<' in response.text


def test_utm_keys_match_the_contract():
    assert attribution.UTM_KEYS == (
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
    )
