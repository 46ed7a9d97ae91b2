"""Per-host sitemap.xml and robots.txt, canonical URLs and Open Graph tags."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from .conftest import add_product

HOST = "portails-bordeaux.localhost"


@pytest.mark.django_db
def test_sitemap_lists_only_this_sites_live_public_pages(bordeaux, lyon):
    draft = add_product(bordeaux.root_page, "Brouillon", "brouillon")
    draft.unpublish()
    private = add_product(bordeaux.root_page, "Réservé", "reserve")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = Client(HTTP_HOST=f"{HOST}:8000").get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    text = response.text
    assert f"<loc>http://{HOST}:8000/</loc>" in text
    assert f"<loc>http://{HOST}:8000/portail-battant/</loc>" in text
    assert f"<loc>http://{HOST}:8000/devis/</loc>" in text
    assert "brouillon" not in text and "reserve" not in text
    assert "clotures-lyon" not in text and text.count("<loc>") == 4
    other = Client(HTTP_HOST="clotures-lyon.localhost").get("/sitemap.xml").text
    assert "clotures-lyon.localhost/portail-battant/" in other and HOST not in other


@pytest.mark.django_db
def test_robots_points_to_the_hosts_sitemap(bordeaux):
    response = Client(HTTP_HOST=HOST).get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: http://{HOST}/sitemap.xml" in response.text


@pytest.mark.django_db
def test_unknown_host_has_no_sitemap(bordeaux):
    assert Client(HTTP_HOST="nobody.localhost").get("/sitemap.xml").status_code == 404
    assert Client(HTTP_HOST="nobody.localhost").get("/robots.txt").status_code == 404


@pytest.mark.django_db
def test_canonical_and_open_graph(bordeaux):
    text = Client(HTTP_HOST=f"{HOST}:8000").get("/portail-battant/").text
    url = f"http://{HOST}:8000/portail-battant/"
    assert f'<link rel="canonical" href="{url}">' in text
    assert f'<meta property="og:url" content="{url}">' in text
    assert '<meta property="og:title" content="Portail battant aluminium">' in text
    assert '<meta property="og:site_name" content="Portails Bordeaux">' in text
    assert '<meta property="og:type" content="product">' in text
    assert 'name="description" content="Portail battant aluminium sur mesure."' in text
