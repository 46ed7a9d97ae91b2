"""Cached public routes (microsites.routing): one query for the page once the
route is known, and never a stale route after a restriction, a new slug, an
unpublish or a renamed host."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from microsites.models import ProductPage

HOST = "portails-bordeaux.localhost"
# a query string the page cache ignores: every request renders (a cache miss)
MISS = "?bench=1"


def _product(site):
    return ProductPage.objects.descendant_of(site.root_page).get()


@pytest.mark.django_db
def test_a_known_route_costs_one_query_for_the_page(
    bordeaux, django_assert_max_num_queries
):
    client = Client(HTTP_HOST=HOST)
    client.get(f"/portail-battant/{MISS}")  # the route, menu and branding learnt
    with django_assert_max_num_queries(2):
        response = client.get(f"/portail-battant/{MISS}")
    assert response.status_code == 200
    assert "Portail battant aluminium" in response.text


@pytest.mark.django_db
def test_same_path_on_two_hosts_keeps_two_routes(bordeaux, lyon):
    for _round in range(2):
        a = Client(HTTP_HOST=HOST).get(f"/{MISS}")
        b = Client(HTTP_HOST="clotures-lyon.localhost").get(f"/{MISS}")
        assert "Portails Bordeaux" in a.text and "Clôtures Lyon" not in a.text
        assert "Clôtures Lyon" in b.text and "Portails Bordeaux" not in b.text


@pytest.mark.django_db
def test_restriction_added_after_the_route_was_learnt_hides_the_page(bordeaux):
    client = Client(HTTP_HOST=HOST)
    assert client.get(f"/portail-battant/{MISS}").status_code == 200
    PageViewRestriction.objects.create(
        page=_product(bordeaux), restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(f"/portail-battant/{MISS}").status_code == 404
    assert client.get("/portail-battant/").status_code == 404


@pytest.mark.django_db
def test_new_slug_and_unpublish_drop_the_old_route(bordeaux):
    client = Client(HTTP_HOST=HOST)
    assert client.get(f"/portail-battant/{MISS}").status_code == 200
    page = _product(bordeaux)
    page.slug = "portail-battant-alu"
    page.save_revision().publish()
    assert client.get(f"/portail-battant/{MISS}").status_code == 404
    assert client.get(f"/portail-battant-alu/{MISS}").status_code == 200
    _product(bordeaux).unpublish()
    assert client.get(f"/portail-battant-alu/{MISS}").status_code == 404


@pytest.mark.django_db
def test_renamed_host_no_longer_answers(bordeaux):
    assert Client(HTTP_HOST=HOST).get(f"/{MISS}").status_code == 200
    bordeaux.hostname = "portails-gironde.localhost"
    bordeaux.save()
    assert Client(HTTP_HOST=HOST).get(f"/{MISS}").status_code == 404
    renamed = Client(HTTP_HOST="portails-gironde.localhost").get(f"/{MISS}")
    assert renamed.status_code == 200
