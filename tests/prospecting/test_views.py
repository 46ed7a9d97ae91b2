from datetime import date

import pytest
from django.test import Client

from prospecting import services
from prospecting.models import Activity, DuplicateFlag, Lead

from .factories import SIREN_OK, make_lead

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/war-room/",
        "/war-room/list/",
        "/war-room/dashboard/",
        "/war-room/search/",
        "/war-room/add/",
    ],
)
def test_anonymous_is_sent_to_login_and_outsider_refused(url, outsider_user):
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(outsider_user).get(url).status_code == 403


def test_staff_board_shows_only_their_finds(staff_user, sales_user):
    make_lead("Trouvaille de Karim", by=staff_user)
    make_lead("Lead des commerciaux", by=sales_user)
    staff_page = client_for(staff_user).get("/war-room/").content.decode()
    assert (
        "Trouvaille de Karim" in staff_page and "Lead des commerciaux" not in staff_page
    )
    assert 'draggable="true"' not in staff_page
    sales_page = client_for(sales_user).get("/war-room/").content.decode()
    assert "Trouvaille de Karim" in sales_page and "Lead des commerciaux" in sales_page
    assert 'draggable="true"' in sales_page


def test_lead_detail_permissions(staff_user, sales_user, make_other_staff):
    lead = make_lead("A", by=staff_user)
    assert client_for(staff_user).get(f"/war-room/leads/{lead.pk}/").status_code == 200
    assert client_for(sales_user).get(f"/war-room/leads/{lead.pk}/").status_code == 200
    assert (
        client_for(make_other_staff).get(f"/war-room/leads/{lead.pk}/").status_code
        == 403
    )
    assert client_for(None).get(f"/war-room/leads/{lead.pk}/").status_code == 302
    assert client_for(sales_user).get("/war-room/leads/999999/").status_code == 404


@pytest.fixture
def make_other_staff(db):
    from hub import roles
    from tests.conftest import make_user

    return make_user("jdupont", roles.STAFF)


def test_detail_shows_attribution_and_video_button(sales_user):
    lead = make_lead(
        "Haras du Lac",
        source="website",
        attribution={
            "site_id": 3,
            "site_name": "Portails Bordeaux",
            "hostname": "portails-bordeaux.localhost",
            "page_url": "http://portails-bordeaux.localhost/contact/",
            "last_touch": {"utm_campaign": "printemps"},
        },
    )
    services.activity_log(
        lead=lead, kind="video_call", by=sales_user, duration_minutes=25
    )
    html = client_for(sales_user).get(f"/war-room/leads/{lead.pk}/").content.decode()
    # The site by its name and the campaign tag with its label, not raw keys.
    came_from = html.split('class="wr-attribution"')[1].split("</dd>")[0]
    assert "Portails Bordeaux" in came_from and "printemps" in came_from
    assert "portails-bordeaux.localhost" not in came_from.split("href=")[0]
    assert "utm_campaign=" not in html
    assert f'action="/video/lead/{lead.pk}/start/"' in html
    assert "25 minutes" in html


def test_quick_add_creates_then_offers_to_attach_duplicates(staff_user):
    client = client_for(staff_user)
    response = client.post(
        "/war-room/add/",
        {
            "company": "Camping des Pins",
            "source_url": "https://camping-des-pins.fr/",
            "website": "camping-des-pins.fr",
            "note": "300 m de clôture",
        },
    )
    lead = Lead.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/war-room/leads/{lead.pk}/"
    )
    assert lead.found_by == staff_user and lead.source == "war_room"
    again = client.post(
        "/war-room/add/",
        {
            "company": "Camping Les Pins",
            "website": "https://www.camping-des-pins.fr/tarifs",
            "note": "Rappeler",
        },
    )
    # Same web domain, another name: it may be the same company. Nothing is
    # written until the finder says which it is.
    assert again.status_code == 409
    assert f"#{lead.pk}" in again.content.decode()
    assert Lead.objects.count() == 1
    attach = client.post(
        "/war-room/add/",
        {
            "company": "Camping Les Pins",
            "website": "camping-des-pins.fr",
            "note": "Rappeler",
            "attach_to": str(lead.pk),
        },
    )
    assert attach.status_code == 302
    assert Lead.objects.count() == 1
    assert Activity.objects.get(lead=lead).body == "Rappeler"
    another = client.post(
        "/war-room/add/",
        {"company": "Pins & Co", "website": "camping-des-pins.fr", "create": "1"},
    )
    assert another.status_code == 302
    created = Lead.objects.exclude(pk=lead.pk).get()
    assert DuplicateFlag.objects.get(lead=created).other == lead


def test_quick_add_cannot_attach_to_a_lead_the_finder_may_not_see(
    staff_user, sales_user
):
    hidden = make_lead("Secret SA", by=sales_user)
    response = client_for(staff_user).post(
        "/war-room/add/", {"company": "Autre", "attach_to": str(hidden.pk)}
    )
    assert response.status_code == 302
    assert not Activity.objects.filter(lead=hidden).exists()
    assert Lead.objects.count() == 2  # their find is its own lead


def test_quick_add_bad_input_keeps_what_was_typed(staff_user):
    response = client_for(staff_user).post(
        "/war-room/add/", {"company": "", "note": "garder ce texte", "siren": "123"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "garder ce texte" in html
    assert "SIREN" in html
    assert Lead.objects.count() == 0


def test_bookmarklet_prefills_the_popup(staff_user):
    client = client_for(staff_user)
    page = client.get("/war-room/bookmarklet/").content.decode()
    assert "javascript:" in page and "/war-room/add/?popup=1" in page
    popup = client.get(
        "/war-room/add/",
        {
            "popup": "1",
            "url": "https://ex.fr/a",
            "title": "Clôtures <Durand>",
            "selection": "Besoin urgent",
        },
    )
    html = popup.content.decode()
    assert (
        'value="https://ex.fr/a"' in html
        and "Clôtures &lt;Durand&gt;" in html
        and "Besoin urgent" in html
    )
    done = client.post(
        "/war-room/add/",
        {"popup": "1", "company": "Clôtures Durand", "source_url": "https://ex.fr/a"},
    )
    lead = Lead.objects.get()
    assert done["Location"] == f"/war-room/add/done/{lead.pk}/"


def test_move_by_drag_and_drop_is_for_sales_only(staff_user, sales_user):
    lead = make_lead(by=staff_user)
    won = services.stage_by_key("won")
    headers = {"HTTP_ACCEPT": "application/json"}
    refused = client_for(staff_user).post(
        f"/war-room/leads/{lead.pk}/move/", {"stage": won.pk}, **headers
    )
    assert refused.status_code == 403
    response = client_for(sales_user).post(
        f"/war-room/leads/{lead.pk}/move/", {"stage": won.pk}, **headers
    )
    assert response.json() == {"lead_id": lead.pk, "stage_id": won.pk}
    lead.refresh_from_db()
    assert lead.stage == won
    assert (
        client_for(sales_user)
        .post(f"/war-room/leads/{lead.pk}/move/", {"stage": 9999}, **headers)
        .status_code
        == 404
    )
    assert (
        client_for(sales_user).get(f"/war-room/leads/{lead.pk}/move/").status_code
        == 405
    )


def test_move_needs_csrf(sales_user):
    lead = make_lead()
    client = Client(enforce_csrf_checks=True)
    client.force_login(sales_user)
    response = client.post(
        f"/war-room/leads/{lead.pk}/move/", {"stage": services.stage_by_key("won").pk}
    )
    assert response.status_code == 403


def test_staff_may_log_activity_on_own_find_but_not_edit(staff_user):
    lead = make_lead(by=staff_user)
    client = client_for(staff_user)
    ok = client.post(
        f"/war-room/leads/{lead.pk}/activity/", {"kind": "call", "body": "Appelé"}
    )
    assert ok.status_code == 302
    bad = client.post(
        f"/war-room/leads/{lead.pk}/activity/", {"kind": "telepathy", "body": ""}
    )
    assert bad.status_code == 400
    assert (
        client.post(
            f"/war-room/leads/{lead.pk}/edit/", {"next_action": "x"}
        ).status_code
        == 403
    )
    assert client.post(f"/war-room/leads/{lead.pk}/delete/").status_code == 403
    assert client.get("/war-room/trash/").status_code == 403


def test_edit_validates_and_saves(sales_user):
    lead = make_lead()
    client = client_for(sales_user)
    bad = client.post(
        f"/war-room/leads/{lead.pk}/edit/",
        {"estimated_value": "-5", "probability": "150"},
    )
    assert bad.status_code == 400
    ok = client.post(
        f"/war-room/leads/{lead.pk}/edit/",
        {
            "estimated_value": "12000",
            "probability": "40",
            "next_action": "Relancer",
            "next_action_due": "2026-01-05",
            "owner": sales_user.pk,
        },
    )
    assert ok.status_code == 302
    lead.refresh_from_db()
    assert (lead.next_action, lead.owner, lead.probability) == (
        "Relancer",
        sales_user,
        40,
    )


def test_delete_restore_and_merge_through_views(sales_user):
    keep = make_lead("A", company={"name": "A", "siren": SIREN_OK})
    other = make_lead("B")
    client = client_for(sales_user)
    assert client.post(f"/war-room/leads/{other.pk}/delete/").status_code == 302
    assert "B" in client.get("/war-room/trash/").content.decode()
    assert client.post(f"/war-room/leads/{other.pk}/restore/").status_code == 302
    assert (
        client.post(f"/war-room/leads/{keep.pk}/merge/", {"other": 999999}).status_code
        == 400
    )
    assert (
        client.post(f"/war-room/leads/{keep.pk}/merge/", {"other": keep.pk}).status_code
        == 400
    )
    chosen = client.post(f"/war-room/leads/{keep.pk}/merge/", {"other": other.pk})
    # On to the side-by-side choice of fields, then the merge itself.
    assert chosen["Location"] == f"/war-room/merge/?keep={keep.pk}&merged={other.pk}"
    assert client.get(chosen["Location"]).status_code == 200
    done = client.post("/war-room/merge/", {"keep": keep.pk, "merged": other.pk})
    assert done.status_code == 302
    other.refresh_from_db()
    assert other.merged_into == keep


def test_card_view_answers_204_when_filters_exclude_the_lead(sales_user):
    lead = make_lead(company={"name": "A", "region": "Bretagne"})
    client = client_for(sales_user)
    assert client.get(f"/war-room/leads/{lead.pk}/card/").status_code == 200
    assert (
        client.get(f"/war-room/leads/{lead.pk}/card/?region=Occitanie").status_code
        == 204
    )
    assert (
        client.get(f"/war-room/leads/{lead.pk}/card/?region=Bretagne").status_code
        == 200
    )


def test_board_filters_and_list_sort_paginate(sales_user, staff_user):
    for i in range(55):
        make_lead(
            f"Société {i:02d}",
            company={
                "name": f"Société {i:02d}",
                "region": "Bretagne" if i % 2 else "Occitanie",
            },
            by=staff_user if i < 3 else None,
        )
    client = client_for(sales_user)
    board = client.get("/war-room/", {"region": "Bretagne"}).content.decode()
    assert "Société 01" in board and "Société 02" not in board
    page1 = client.get("/war-room/list/", {"sort": "company"}).content.decode()
    assert "Société 00" in page1 and "Société 54" not in page1 and "Page 1" in page1
    page2 = client.get(
        "/war-room/list/", {"sort": "company", "page": 2}
    ).content.decode()
    assert "Société 54" in page2
    mine = client_for(staff_user).get("/war-room/list/").content.decode()
    assert "Société 02" in mine and "Société 03" not in mine


def test_board_query_count_does_not_grow_with_leads(
    sales_user, django_assert_max_num_queries
):
    for i in range(30):
        make_lead(f"Entreprise {i}", contact={"email": f"c{i}@e{i}.fr"})
    client = client_for(sales_user)
    client.get("/war-room/")
    with django_assert_max_num_queries(25):
        client.get("/war-room/")
    with django_assert_max_num_queries(20):
        client.get("/war-room/list/")


def test_reminders_show_due_next_actions(sales_user):
    lead = make_lead("Relance Dupont")
    services.lead_update(
        lead=lead,
        by=sales_user,
        owner=sales_user,
        next_action="Rappeler",
        next_action_due=date(2020, 1, 1),
    )
    html = client_for(sales_user).get("/war-room/").content.decode()
    assert "Relance Dupont" in html.split('id="rem-title"')[1]
