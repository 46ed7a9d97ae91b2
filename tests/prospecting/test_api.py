import pytest
from django.test import Client

from hub.models import ApiToken
from hub.services import api_token_create
from prospecting import services
from prospecting.api.serializers import LeadSerializer
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
    assert response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) >= {"company.siren", "contact.email"}
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
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"stage", "probability"}


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


def test_schema_is_generated_from_the_code(sales_user):
    """The served document is drf-spectacular's, valid OpenAPI 3, with the
    caller's host as server and the components the serializers make."""
    from drf_spectacular.validation import validate_schema

    from prospecting.api.serializers import (
        LeadCreateSerializer,
        LeadUpdateSerializer,
    )
    from prospecting.models import PipelineStage

    response = session(sales_user).get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = response.json()
    validate_schema(schema)  # raises on an invalid OpenAPI document
    assert schema["openapi"].startswith("3.")
    assert schema["servers"] == [{"url": "http://testserver"}]  # the request's host
    assert set(schema["paths"]) == {
        "/api/leads/",
        "/api/leads/search/",
        "/api/leads/{id}/",
    }
    components = schema["components"]["schemas"]
    lead = make_lead()
    assert set(components["Lead"]["properties"]) == set(LeadSerializer(lead).data)
    assert set(components["Lead"]["required"]) == set(LeadSerializer(lead).data)
    create = components["LeadCreateRequest"]
    assert set(create["properties"]) == set(LeadCreateSerializer().fields)
    assert create["additionalProperties"] is False
    update = components["PatchedLeadUpdateRequest"]
    assert set(update["properties"]) == set(LeadUpdateSerializer().fields)
    assert update["additionalProperties"] is False
    assert components["StageKey"]["enum"] == list(
        PipelineStage.objects.values_list("key", flat=True)
    )
    assert components["MatchedOnEnum"]["enum"] == ["siren", "email", "phone"]
    for name in ("contact", "found_by", "owner", "next_action_due"):
        assert components["Lead"]["properties"][name]["nullable"] is True, name
    assert set(schema["components"]["securitySchemes"]) == {"bearerToken", "session"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"bearerToken": []}, {"session": []}]
            for code in ("401", "403"):
                error = operation["responses"][code]["content"]["application/json"]
                assert error["schema"] == {"$ref": "#/components/schemas/Error"}
            assert operation["description"], (path, method)
    services.lead_soft_delete(lead=lead, by=sales_user)


def test_schema_follows_the_stages_configured(sales_user):
    from prospecting.models import PipelineStage

    PipelineStage.objects.create(key="site_visit", order=3)
    schema = session(sales_user).get("/api/schema/").json()
    assert "site_visit" in schema["components"]["schemas"]["StageKey"]["enum"]


def test_schema_as_yaml(sales_user):
    response = session(sales_user).get("/api/schema/?format=yaml")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_the_schema_generates_without_warnings(tmp_path):
    """`manage.py spectacular` (no request: HUB_BASE_URL as server) is a valid
    document, with no guessed types (drf-spectacular warns on those)."""
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert target.read_text().startswith("openapi: 3.")
