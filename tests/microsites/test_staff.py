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
    assert f"/cms/microsites/{bordeaux.pk}/" in text  # draft checks, publish


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


@pytest.mark.django_db
def test_overview_counts_each_sites_own_pages(bordeaux, lyon):
    """One grouped query gives what a count per site gave: live pages under the
    site's root, last publish of any page there; a draft counts for neither."""
    from django.db.models import Max
    from wagtail.models import Page

    from microsites.models import ContentPage
    from microsites.selectors import microsite_overview

    draft = ContentPage(title="Brouillon", slug="brouillon", live=False)
    bordeaux.root_page.add_child(instance=draft)
    rows = {row["site"].pk: row for row in microsite_overview({bordeaux.pk: 2})}
    assert set(rows) == {bordeaux.pk, lyon.pk}
    for site in (bordeaux, lyon):
        under = Page.objects.filter(path__startswith=site.root_page.path)
        assert rows[site.pk]["pages"] == under.filter(live=True).count() >= 2
        assert (
            rows[site.pk]["last_published"]
            == (under.aggregate(last=Max("last_published_at"))["last"])
        )
    assert rows[bordeaux.pk]["leads"] == 2 and rows[lyon.pk]["leads"] == 0
    assert Page.objects.filter(path__startswith=bordeaux.root_page.path).count() == (
        rows[bordeaux.pk]["pages"] + 1
    )
