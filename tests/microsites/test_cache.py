"""Per-site page cache: hits cost no query, publishing invalidates, query bounds."""

import pytest
from django.test import Client

from microsites.models import ProductPage, SiteBranding

HOST = "portails-bordeaux.localhost"


@pytest.mark.django_db
def test_second_anonymous_get_is_served_from_cache_without_queries(
    bordeaux, django_assert_max_num_queries
):
    client = Client(HTTP_HOST=HOST)
    first = client.get("/portail-battant/")
    assert first["X-Microsite-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        second = client.get("/portail-battant/?utm_source=newsletter")
    assert second["X-Microsite-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_uncached_product_page_query_bound(bordeaux, django_assert_max_num_queries):
    client = Client(HTTP_HOST=HOST)
    client.get("/")  # warm Wagtail's site root paths, like any running server
    with django_assert_max_num_queries(8):
        response = client.get("/portail-battant/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_publish_invalidates_the_site_only(bordeaux, lyon):
    a, b = Client(HTTP_HOST=HOST), Client(HTTP_HOST="clotures-lyon.localhost")
    a.get("/portail-battant/"), b.get("/portail-battant/")
    page = ProductPage.objects.descendant_of(bordeaux.root_page).get()
    page.title = "Portail battant nouvelle gamme"
    page.save_revision().publish()
    response = a.get("/portail-battant/")
    assert response["X-Microsite-Cache"] == "miss"
    assert "Portail battant nouvelle gamme" in response.text
    assert b.get("/portail-battant/")["X-Microsite-Cache"] == "hit"


@pytest.mark.django_db
def test_unpublish_and_branding_change_invalidate(bordeaux):
    client = Client(HTTP_HOST=HOST)
    client.get("/portail-battant/")
    ProductPage.objects.descendant_of(bordeaux.root_page).get().unpublish()
    assert client.get("/portail-battant/").status_code == 404
    client.get("/")
    branding = SiteBranding.objects.get(site=bordeaux)
    branding.primary_color = "#203040"
    branding.save()
    assert "--ms-primary: #203040" in client.get("/").text


@pytest.mark.django_db
def test_not_cached_for_sessions_queries_posts_and_forms(bordeaux):
    client = Client(HTTP_HOST=HOST)
    client.cookies["sessionid"] = "whatever"
    assert "X-Microsite-Cache" not in client.get("/portail-battant/")
    client = Client(HTTP_HOST=HOST)
    client.get("/?page=2")
    assert "X-Microsite-Cache" not in client.get("/?page=2")
    client.get("/devis/")
    assert "X-Microsite-Cache" not in client.get("/devis/")


@pytest.mark.django_db
def test_cache_key_includes_host_and_language(bordeaux, lyon):
    a = Client(HTTP_HOST=HOST).get("/portail-battant/")
    b = Client(HTTP_HOST="clotures-lyon.localhost").get("/portail-battant/")
    assert a.content != b.content
    english = Client(HTTP_HOST=HOST)
    english.cookies["django_language"] = "en"
    response = english.get("/portail-battant/")
    assert response["X-Microsite-Cache"] == "miss"
    assert '<html lang="en">' in response.text


@pytest.mark.django_db
def test_uncached_home_page_query_bound(bordeaux, django_assert_max_num_queries):
    client = Client(HTTP_HOST=HOST)
    client.get("/portail-battant/")
    with django_assert_max_num_queries(9):
        response = client.get("/")
    assert "Portail battant aluminium" in response.text  # products listed
