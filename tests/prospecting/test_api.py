import pytest
from django.test import Client
from django.urls import resolve

from hub.models import ApiToken
from hub.services import api_token_create
from prospecting import services
from prospecting.api import LeadSerializer
from prospecting.api_schema import openapi_schema
from prospecting.models import Deal, Lead

from .factories import SIREN_OK, make_lead

pytestmark = pytest.mark.django_db


def session(user):
    client = Client()
    client.force_login(user)
    return client


def bearer(user, scope=ApiToken.SCOPE_WRITE):
    _token, raw = api_token_create(user=user, name="script", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_anonymous_and_outsiders_get_nothing(outsider_user):
    make_lead()
    assert Client().get("/api/leads/").status_code == 401
    assert Client().get("/api/schema/").status_code == 401
    assert (
        Client().get("/api/leads/", HTTP_AUTHORIZATION="Bearer hub_nope").status_code
        == 401
    )
    assert session(outsider_user).get("/api/leads/").status_code == 403


def test_list_is_filtered_by_role(staff_user, sales_user):
    make_lead("A", by=staff_user)
    make_lead("B", by=sales_user)
    staff = session(staff_user).get("/api/leads/").json()
    assert [r["company"]["name"] for r in staff["results"]] == ["A"]
    sales = session(sales_user).get("/api/leads/?sort=company").json()
    assert [r["company"]["name"] for r in sales["results"]] == ["A", "B"]
    assert sales["count"] == 2
    only_b = session(sales_user).get("/api/leads/?q=B").json()
    assert [r["company"]["name"] for r in only_b["results"]] == ["B"]


def test_create_with_a_token_then_409_on_duplicate(staff_user):
    client = Client()
    headers = bearer(staff_user)
    payload = {
        "company": {"name": "Golf du Médoc", "siren": SIREN_OK},
        "contact": {"name": "Paul Roux", "phone": "05 56 00 00 00"},
        "source_url": "https://golf-medoc.fr",
        "note": "Clôture du practice",
    }
    created = client.post(
        "/api/leads/", payload, content_type="application/json", **headers
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["created"] is True and body["lead"]["source"] == "api"
    assert body["lead"]["found_by"] == "staff"
    assert body["lead"]["contact"]["phone"] == "+33556000000"
    again = client.post(
        "/api/leads/",
        {"company": {"name": "Golf Médoc", "siret": "73282932000074"}},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 409
    assert again.json()["duplicate_of"]["id"] == body["lead"]["id"]
    assert again.json()["matched_on"] == "siren"
    attach = client.post(
        "/api/leads/",
        {
            "company": {"name": "Golf Médoc", "siren": SIREN_OK},
            "note": "Encore",
            "on_duplicate": "attach",
        },
        content_type="application/json",
        **headers,
    )
    assert attach.status_code == 200
    assert Lead.objects.count() == 1


def test_duplicate_of_someone_elses_lead_reveals_only_its_number(
    staff_user, sales_user
):
    other = make_lead(
        "Secret", company={"name": "Secret", "siren": SIREN_OK}, by=sales_user
    )
    response = session(staff_user).post(
        "/api/leads/",
        {"company": {"name": "X", "siren": SIREN_OK}},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["duplicate_of"] == {"id": other.pk}


def test_create_rejects_bad_input_per_field(staff_user):
    response = session(staff_user).post(
        "/api/leads/",
        {"company": {"name": "X", "siren": "123"}, "contact": {"email": "nope"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"siren", "email"}
    assert (
        session(staff_user)
        .post(
            "/api/leads/",
            {"source": "pigeon", "company": "X"},
            content_type="application/json",
        )
        .status_code
        == 400
    )
    assert Lead.objects.count() == 0


def test_session_writes_need_csrf(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post(
        "/api/leads/", {"company": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_read_only_token_cannot_write(sales_user):
    headers = bearer(sales_user, ApiToken.SCOPE_READ)
    client = Client()
    assert client.get("/api/leads/", **headers).status_code == 200
    assert (
        client.post(
            "/api/leads/", {"company": "X"}, content_type="application/json", **headers
        ).status_code
        == 403
    )


def test_patch_moves_and_updates_for_sales_only(staff_user, sales_user):
    lead = make_lead(by=staff_user)
    refused = session(staff_user).patch(
        f"/api/leads/{lead.pk}/", {"stage": "won"}, content_type="application/json"
    )
    assert refused.status_code == 403
    response = session(sales_user).patch(
        f"/api/leads/{lead.pk}/",
        {
            "stage": "won",
            "won_amount": "8400.00",
            "owner": "sales",
            "next_action": "Facturer",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["stage"]["key"] == "won"
    assert response.json()["owner"] == "sales"
    assert str(Deal.objects.get(lead=lead).amount) == "8400.00"
    bad = session(sales_user).patch(
        f"/api/leads/{lead.pk}/",
        {"stage": "nowhere", "probability": 120},
        content_type="application/json",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"stage", "probability"}


def test_detail_permissions(staff_user, sales_user):
    lead = make_lead(by=sales_user)
    assert session(sales_user).get(f"/api/leads/{lead.pk}/").status_code == 200
    assert session(staff_user).get(f"/api/leads/{lead.pk}/").status_code == 403
    assert session(sales_user).get("/api/leads/999999/").status_code == 404


def test_search_endpoint_uses_database_fallback(sales_user, staff_user):
    make_lead(
        "Clôtures Bretonnes",
        company={"name": "Clôtures Bretonnes", "region": "Bretagne"},
        by=staff_user,
    )
    make_lead(
        "Portails du Sud", company={"name": "Portails du Sud", "region": "Occitanie"}
    )
    body = session(sales_user).get("/api/leads/search/?q=Clôtures").json()
    assert body["backend"] == "database" and body["count"] == 1
    assert body["facets"]["region"] == [
        {"value": "Bretagne", "count": 1, "selected": False}
    ]
    faceted = session(sales_user).get("/api/leads/search/?region=Occitanie").json()
    assert [r["company"]["name"] for r in faceted["results"]] == ["Portails du Sud"]
    staff = session(staff_user).get("/api/leads/search/").json()
    assert staff["count"] == 1


def test_schema_matches_the_serializers_and_routes(sales_user):
    schema = session(sales_user).get("/api/schema/").json()
    assert schema == openapi_schema() | {"servers": schema["servers"]}
    assert schema["openapi"].startswith("3.")
    lead_props = set(schema["components"]["schemas"]["Lead"]["properties"])
    assert lead_props == set(LeadSerializer.Meta.fields)
    from prospecting.api import LeadCreateSerializer, LeadUpdateSerializer

    assert set(schema["components"]["schemas"]["LeadCreate"]["properties"]) == set(
        LeadCreateSerializer().fields
    )
    assert set(schema["components"]["schemas"]["LeadUpdate"]["properties"]) == set(
        LeadUpdateSerializer().fields
    )
    lead = make_lead()
    sample = LeadSerializer(lead).data
    assert set(sample["company"]) == set(
        schema["components"]["schemas"]["Lead"]["properties"]["company"]["properties"]
    )
    for path, operations in schema["paths"].items():
        match = resolve(path.replace("{id}", str(lead.pk)))
        view = match.func.view_class
        for method in operations:
            if method != "parameters":
                assert hasattr(view, method), (path, method)
    services.lead_soft_delete(lead=lead, by=sales_user)
