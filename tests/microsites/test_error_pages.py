"""A crash on a microsite host answers a 500 in the site's look, never the hub's."""

from types import SimpleNamespace

import pytest

from microsites import views

pytestmark = pytest.mark.django_db

HOST = "portails-bordeaux.localhost"


@pytest.fixture
def crashing_pages(monkeypatch):
    def crash(request, path):
        raise RuntimeError("a bug in a page")

    # Only microsites.views' reference to Wagtail's views: patching Wagtail's
    # own module would leak into URLconfs first imported during the test.
    monkeypatch.setattr(views, "wagtail_views", SimpleNamespace(serve=crash))


def test_500_on_a_microsite_is_branded(client, bordeaux, crashing_pages):
    client.raise_request_exception = False
    response = client.get("/portail-battant/", HTTP_HOST=HOST)
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-error="500"' in html and "noindex" in html
    assert "Portails Bordeaux" in html and "--ms-primary: #7a1f1f" in html
    assert "Hub" not in html
    assert response.headers["Content-Security-Policy"].startswith("default-src")


def test_500_falls_back_to_a_page_naming_nobody(
    client, bordeaux, crashing_pages, monkeypatch
):
    def branding_broken(request):
        raise RuntimeError("branding unreadable")

    monkeypatch.setattr(
        "microsites.models.SiteBranding.for_request", staticmethod(branding_broken)
    )
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST=HOST)
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-error="500"' in html and "Something went wrong" in html
    assert "Hub" not in html and "Portails Bordeaux" not in html
