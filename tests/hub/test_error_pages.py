"""The hub's own 404 and 500 pages (DEBUG off, as in production and the demo)."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.conftest import make_user


@pytest.mark.django_db
def test_404_on_the_hub_is_the_hub_page_with_a_way_back(client, settings):
    assert settings.DEBUG is False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-error="404"' in html and "Page introuvable" in html
    assert "/no-such-page/" in html
    assert 'href="/accounts/login/"' in html and 'href="/"' in html
    assert "URLconf" not in html  # never Django's technical page


@pytest.mark.django_db
def test_404_offers_the_wiki_search_to_employees_in_their_language(client):
    from hub import roles

    client.force_login(make_user("staff", roles.STAFF))
    response = client.get("/wiki/no-such-article/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/wiki/search/"' in html and 'name="q"' in html


@pytest.mark.django_db
@pytest.mark.urls("tests.hub.error_urls")
def test_a_crash_answers_the_hub_500_page(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-error="500"' in html
    assert "Le service rencontre un problème" in html and "Something went wrong" in html
    assert 'href="/"' in html and 'href="/wiki/search/"' in html


def test_500_page_renders_without_database_or_context():
    # No django_db mark: any query here would fail the test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b'data-error="500"' in response.content
    assert b"{%" not in response.content and b"{{" not in response.content
