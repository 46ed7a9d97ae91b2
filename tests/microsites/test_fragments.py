"""Rendered fragments (header, article, footer) kept between requests: reused by
renders the page cache cannot serve, never stale after a publish or a change of
branding, never filled by a preview."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from microsites.models import ProductPage

from .conftest import add_product, brand

HOST = "portails-bordeaux.localhost"
PATH = "/portail-sur-mesure/"


def _product(site):
    return add_product(
        site.root_page,
        "Portail sur mesure",
        "portail-sur-mesure",
        body=[("paragraph", "<p>Fabriqué à Mérignac, posé en un jour.</p>")],
    )


def _uncached(client):
    """A render the page cache does not serve (a query string it keeps apart)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PATH, {"ref": "salon"}, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_uncached_render_reuses_the_fragments(bordeaux):
    _product(bordeaux)
    client = Client()
    first, first_queries = _uncached(client)
    second, second_queries = _uncached(client)
    assert second == first
    assert "posé en un jour" in second
    assert second_queries == 0 < first_queries  # route, page and fragments kept


def test_publishing_changes_the_fragments_at_once(bordeaux):
    page = _product(bordeaux)
    client = Client()
    _uncached(client)
    page = ProductPage.objects.get(pk=page.pk)
    page.body = [("paragraph", "<p>Nouveau : motorisation offerte.</p>")]
    page.save_revision().publish()
    html, _queries = _uncached(client)
    assert "motorisation offerte" in html and "posé en un jour" not in html
    brand(bordeaux, phone="05 56 99 99 99")  # header and footer follow branding
    html, _queries = _uncached(client)
    assert html.count("05 56 99 99 99") >= 2


def test_a_preview_neither_fills_nor_reads_the_fragments(bordeaux, admin_user):
    page = _product(bordeaux)
    visitor = Client()
    _uncached(visitor)  # the published article is now kept
    editor = Client()
    editor.force_login(admin_user)
    url = f"/cms/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Portail en aperçu",
            "slug": page.slug,
            "intro": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Texte pas encore publié.</p>"))]
            ),
        }
    )
    assert editor.post(url, data).status_code == 200
    preview = editor.get(url).content.decode()
    assert "Texte pas encore publié" in preview and "posé en un jour" not in preview
    html, _queries = _uncached(visitor)
    assert "Texte pas encore publié" not in html and "posé en un jour" in html
