"""Bad input to the API: always a 4xx with the one `Error` shape, never a 500,
and nothing written. Query strings, JSON bodies, path ids."""

import json

import pytest
from django.test import Client

from hub.services import api_token_create
from prospecting.models import Lead

from .factories import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(sales_user):
    _token, raw = api_token_create(user=sales_user, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = sales_user
    return client


@pytest.fixture
def lead(sales_user):
    make_lead("Clôtures Bretonnes", by=sales_user)
    return make_lead("Portails du Sud", by=sales_user)


def error(response, status, field=None):
    """The response is the documented `Error`; returns its per-field messages."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    if field is not None:
        assert field in body["errors"], body
        assert all(isinstance(m, str) for m in body["errors"][field])
    else:
        assert body["errors"] == {}
    return body["errors"]


@pytest.mark.parametrize(
    "query, field",
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("page=", "page"),
        ("page=" + "9" * 30, "page"),
        ("page=" + "9" * 5000, "page"),
        ("page=3&page_size=1", "page"),  # two leads: no third page
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=201", "page_size"),
        ("page_size=ten", "page_size"),
        ("stage=nowhere", "stage"),
        ("stage=", "stage"),
        ("stage=new%00", "stage"),
        ("q=a%00", "q"),
        ("owner=999999", "owner"),
        ("owner=" + "9" * 40, "owner"),
        ("owner=someone", "owner"),
        ("source=pigeon", "source"),
        ("sort=colour", "sort"),
        ("sort=", "sort"),
        ("mine=yes", "mine"),
        ("stale=1", "stale"),
        ("q=" + "x" * 201, "q"),
        ("region=" + "x" * 121, "region"),
    ],
)
def test_list_refuses_bad_query_parameters(api, lead, query, field):
    error(api.get(f"/api/leads/?{query}"), 400, field)


def test_list_takes_good_query_parameters(api, lead, sales_user):
    page = api.get("/api/leads/?page=2&page_size=1&sort=company").json()
    assert page["count"] == 2 and len(page["results"]) == 1
    assert page["results"][0]["company"]["name"] == "Portails du Sud"
    assert page["next"] is None and "page_size=1" in page["previous"]
    assert api.get("/api/leads/?page=1").json()["count"] == 2
    assert api.get("/api/leads/?stage=new&owner=none&mine=true").json()["count"] == 2
    assert api.get(f"/api/leads/?owner={sales_user.pk}").json()["count"] == 0
    assert api.get("/api/leads/?stale=false&source=war_room").json()["count"] == 2
    assert api.get("/api/leads/?q=").json()["count"] == 2


def test_an_empty_list_has_a_first_page(api):
    body = api.get("/api/leads/?page=1").json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize(
    "query, field",
    [
        ("stage=nowhere", "stage"),
        ("stage=%00", "stage"),
        ("owner=nobody", "owner"),
        ("owner=a%00", "owner"),
        ("source=pigeon", "source"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_search_refuses_bad_query_parameters(api, lead, query, field):
    error(api.get(f"/api/leads/search/?{query}"), 400, field)


def test_search_takes_a_known_owner(api, lead, sales_user):
    body = api.get(f"/api/leads/search/?owner={sales_user.username}").json()
    assert body["count"] == 0 and set(body["facets"]) == {
        "stage",
        "source",
        "region",
        "owner",
    }


def post(api, body, content_type="application/json", **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.post("/api/leads/", data, content_type=content_type, **extra)


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "company"),
        ({"company": 12}, "company"),
        ({"company": ""}, "company"),
        ({"company": "x" * 201}, "company"),
        ({"company": {}}, "company.name"),
        ({"company": {"name": "X", "colour": "red"}}, "company.colour"),
        ({"company": {"name": 12}}, "company.name"),
        ({"company": {"name": "X" * 201}}, "company.name"),
        ({"company": {"name": "X", "siren": "123"}}, "company.siren"),
        ({"company": {"name": "X", "city": " " * 121}}, "company.city"),
        ({"company": "X", "contact": "Paul"}, "contact"),
        ({"company": "X", "contact": {"email": 5}}, "contact.email"),
        ({"company": "X", "contact": {"email": "nope"}}, "contact.email"),
        ({"company": "X", "contact": {"phone": "1" * 31}}, "contact.phone"),
        ({"company": "X", "colour": "red"}, "colour"),
        ({"company": "X", "source": "pigeon"}, "source"),
        ({"company": "X", "source": 1}, "source"),
        ({"company": "X", "note": "n" * 10_001}, "note"),
        ({"company": "X", "note": 42}, "note"),
        ({"company": "X", "source_url": "javascript:alert(1)"}, "source_url"),
        ({"company": "X", "attribution": ["site"]}, "attribution"),
        ({"company": "X", "attribution": {"utm": "a\u0000"}}, "attribution"),
        ({"company": "X", "attribution": {"\u0000": 1}}, "attribution"),
        ({"company": "X", "attribution": {"a": "x" * 10_001}}, "attribution"),
        (
            {
                "company": "X",
                "attribution": {"a": [[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]},
            },
            "attribution",
        ),
        ({"company": "X\u0000"}, "company"),
        ({"company": "X", "on_duplicate": "merge"}, "on_duplicate"),
        ([{"company": "X"}], "non_field_errors"),
        ("null", "non_field_errors"),
        ('"X"', "non_field_errors"),
    ],
)
def test_create_refuses_bad_bodies(api, body, field):
    error(post(api, body), 400, field)
    assert not Lead.objects.exists()


def test_create_refuses_what_is_not_json(api):
    parse = error(post(api, '{"company": '), 400)
    assert parse == {}
    assert post(api, '{"company": ').json()["code"] == "parse_error"
    assert post(api, "NaN").json()["code"] == "parse_error"
    deep = post(api, "[" * 100_000 + "]" * 100_000)  # past Python's recursion
    assert error(deep, 400) == {} and deep.json()["code"] == "parse_error"
    assert error(post(api, "company=X", "application/x-www-form-urlencoded"), 415) == {}
    too_big = post(api, {"company": "X" * (6 * 1024 * 1024)})
    error(too_big, 413)
    assert too_big.json()["code"] == "too_large"
    assert not Lead.objects.exists()


def patch(api, lead, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return api.patch(f"/api/leads/{lead.pk}/", data, content_type="application/json")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"probability": "50"}, "probability"),
        ({"probability": True}, "probability"),
        ({"probability": 50.5}, "probability"),
        ({"probability": 101}, "probability"),
        ({"probability": -1}, "probability"),
        ({"estimated_value": "1e5"}, "estimated_value"),
        ({"estimated_value": "12,50"}, "estimated_value"),
        ({"estimated_value": -1}, "estimated_value"),
        ({"estimated_value": 0.001}, "estimated_value"),
        ({"estimated_value": 10**12}, "estimated_value"),
        ({"estimated_value": True}, "estimated_value"),
        ({"estimated_value": {"amount": 5}}, "estimated_value"),
        ({"next_action": "x" * 201}, "next_action"),
        ({"next_action": " " * 150 + "x" * 60}, "next_action"),
        ({"next_action": ["Rappeler"]}, "next_action"),
        ({"next_action_due": "2026-13-40"}, "next_action_due"),
        ({"next_action_due": 20260101}, "next_action_due"),
        ({"lost_reason": "x" * 201}, "lost_reason"),
        ({"owner": 5}, "owner"),
        ({"owner": "nobody"}, "owner"),
        ({"stage": 5}, "stage"),
        ({"stage": "nowhere"}, "stage"),
        ({"stage": "new\u0000"}, "stage"),  # PostgreSQL refuses NUL in a query
        ({"owner": "sales\u0000"}, "owner"),
        ({"owner": "s" * 300}, "owner"),
        ({"won_amount": "beaucoup"}, "won_amount"),
        ({"company": "X"}, "company"),
        ({"colour": "red"}, "colour"),
        ("[]", "non_field_errors"),
    ],
)
def test_patch_refuses_bad_bodies(api, lead, body, field):
    before = Lead.objects.values().get(pk=lead.pk)
    error(patch(api, lead, body), 400, field)
    assert Lead.objects.values().get(pk=lead.pk) == before


def test_patch_takes_numbers_and_decimal_strings_for_money(api, lead):
    assert patch(api, lead, {"estimated_value": 12000}).json()["estimated_value"] == (
        "12000.00"
    )
    assert patch(api, lead, {"estimated_value": "8400.5"}).json()[
        "estimated_value"
    ] == ("8400.50")
    cleared = patch(api, lead, {"probability": None, "next_action_due": None})
    assert cleared.status_code == 200
    assert cleared.json()["probability"] == 10  # the stage's default again


@pytest.mark.parametrize(
    "path",
    [
        "/api/leads/0/",
        "/api/leads/99999999999999999999999/",
        "/api/leads/9223372036854775808/",
        "/api/leads/abc/",
        "/api/leads/-1/",
        "/api/nope/",
    ],
)
def test_unknown_ids_and_paths_are_json_404s(api, path):
    error(api.get(path), 404)
    response = api.patch(path, "{}", content_type="application/json")
    error(response, 404)


def test_the_error_shape_is_the_same_for_every_status(api, lead, outsider_user):
    assert error(Client().get("/api/leads/"), 401) == {}
    outsider = Client()
    outsider.force_login(outsider_user)
    assert error(outsider.get("/api/leads/"), 403) == {}
    assert error(api.get("/api/leads/999/"), 404) == {}
    assert error(api.delete(f"/api/leads/{lead.pk}/"), 405) == {}
    assert error(api.get("/api/leads/?page=x"), 400, "page")
