"""SQL queries of an uncached product page render (issue 16: at most 8), and the
per-site menu cache that helps keep it there: never stale after a publish, an
unpublish or a view restriction."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from microsites.selectors import site_navigation
from tests.microsites.conftest import add_product

MAX_QUERIES = 8


def _product_with_menu(site):
    for number in range(1, 4):
        page = add_product(site.root_page, f"Portail n° {number}", f"portail-{number}")
        page.show_in_menus = True
        page.save_revision().publish()
    return "/portail-2/"


@pytest.mark.django_db
def test_uncached_product_page_query_budget(
    bordeaux, client, django_assert_max_num_queries
):
    path = _product_with_menu(bordeaux)
    client.get(path, HTTP_HOST=bordeaux.hostname)  # the page cache fills
    with django_assert_max_num_queries(MAX_QUERIES):
        # a query string the page cache ignores: rendered again, as a miss would
        response = client.get(f"{path}?bench=1", HTTP_HOST=bordeaux.hostname)
    assert response.status_code == 200
    assert b"Portail n\xc2\xb0 3" in response.content  # the menu is there


def _menu(site):
    """The menu as a fresh request of the site's host sees it (it is memoised
    on the request)."""
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    return [entry.title for entry in site_navigation(request, site)]


@pytest.mark.django_db
def test_menu_is_read_from_the_cache_once_built(bordeaux, django_assert_num_queries):
    _product_with_menu(bordeaux)
    first = _menu(bordeaux)
    with django_assert_num_queries(1):  # Wagtail's site of the request, no menu
        assert _menu(bordeaux) == first
    assert first[-3:] == ["Portail n° 1", "Portail n° 2", "Portail n° 3"]


@pytest.mark.django_db
def test_menu_follows_publish_unpublish_and_restrictions(bordeaux):
    _product_with_menu(bordeaux)
    assert "Portail n° 4" not in _menu(bordeaux)
    page = add_product(bordeaux.root_page, "Portail n° 4", "portail-4")
    page.show_in_menus = True
    page.save_revision().publish()
    assert "Portail n° 4" in _menu(bordeaux)

    page.unpublish()
    assert "Portail n° 4" not in _menu(bordeaux)

    second = page.get_siblings().get(slug="portail-2")
    restriction = PageViewRestriction.objects.create(
        page=second, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Portail n° 2" not in _menu(bordeaux)
    restriction.delete()
    assert "Portail n° 2" in _menu(bordeaux)


@pytest.mark.django_db
def test_menu_of_one_site_is_not_the_other(bordeaux, lyon):
    _product_with_menu(bordeaux)
    assert "Portail n° 1" in _menu(bordeaux)
    assert "Portail n° 1" not in _menu(lyon)
