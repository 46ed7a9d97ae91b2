"""Shared product facts: embedded by reference, public fields only, one edit
updates every site, where-used through Wagtail's reference index."""

import pytest
from django.test import Client
from wagtail.models import ReferenceIndex

from microsites.models import ProductPage
from wiki.models import ProductFact

from .conftest import add_product


@pytest.fixture
def fact(db):
    return ProductFact.objects.create(
        name="Panneau rigide 3D",
        reference="PR3D-1730",
        summary="Fil de 5 mm, plis de renfort.",
        specs=[
            {
                "type": "spec",
                "value": {"label": "Hauteur", "value": "1,73", "unit": "m"},
            },
            {"type": "spec", "value": {"label": "Fil", "value": "5", "unit": "mm"}},
        ],
        internal_notes="Marge négociée avec le fournisseur SECRET-NOTE",
        unit_cost="12.34",
        supplier="Tréfileries Confidentielles",
    )


def embed(site, fact, slug="panneau"):
    return add_product(
        site.root_page,
        "Panneau rigide",
        slug,
        body=[{"type": "product_fact", "value": {"fact": fact.pk, "show_image": True}}],
    )


@pytest.mark.django_db
def test_public_fields_only_on_the_microsite(bordeaux, fact):
    embed(bordeaux, fact)
    text = Client(HTTP_HOST="portails-bordeaux.localhost").get("/panneau/").text
    assert "PR3D-1730" in text and "Fil de 5 mm, plis de renfort." in text
    assert "Hauteur" in text and "1,73 m" in text
    for secret in ("SECRET-NOTE", "12.34", "12,34", "Tréfileries Confidentielles"):
        assert secret not in text


@pytest.mark.django_db
def test_editing_the_fact_updates_every_site_even_cached(bordeaux, lyon, fact):
    embed(bordeaux, fact), embed(lyon, fact)
    clients = [
        Client(HTTP_HOST="portails-bordeaux.localhost"),
        Client(HTTP_HOST="clotures-lyon.localhost"),
    ]
    for client in clients:
        client.get("/panneau/")  # now cached
    fact.summary = "Nouveau fil de 6 mm."
    fact.save()
    for client in clients:
        response = client.get("/panneau/")
        assert "Nouveau fil de 6 mm." in response.text
        assert response["X-Microsite-Cache"] == "miss"


@pytest.mark.django_db
def test_where_used_lists_pages_of_every_site(bordeaux, lyon, fact, client, admin_user):
    a, b = embed(bordeaux, fact), embed(lyon, fact)
    used_by = {ref.object_id for ref in ReferenceIndex.get_references_to(fact)}
    assert {str(a.pk), str(b.pk)} <= used_by
    client.force_login(admin_user)
    response = client.get(f"/cms/snippets/wiki/productfact/usage/{fact.pk}/")
    assert response.status_code == 200
    assert response.text.count("Panneau rigide") >= 2


@pytest.mark.django_db
def test_uncached_product_page_with_fact_query_bound(
    bordeaux, fact, django_assert_max_num_queries
):
    embed(bordeaux, fact)
    client = Client(HTTP_HOST="portails-bordeaux.localhost")
    client.get("/")
    with django_assert_max_num_queries(8):
        assert client.get("/panneau/").status_code == 200
    assert ProductPage.objects.count() == 2


@pytest.mark.django_db
def test_copied_site_keeps_the_fact_by_reference(bordeaux, fact):
    from django.core.management import call_command

    embed(bordeaux, fact)
    call_command(
        "create_microsite",
        "--name",
        "Portails Pau",
        "--hostname",
        "portails-pau.localhost",
        "--from",
        "portails-bordeaux.localhost",
        "--city=Pau",
        "--department=64",
        "--postal-code=64000",
        "--address=1 place Royale",
        "--phone=05 59 00 00 00",
        "--email=pau@example.com",
        "--publish",
    )
    text = Client(HTTP_HOST="portails-pau.localhost").get("/panneau/").text
    assert "PR3D-1730" in text and "SECRET-NOTE" not in text
    copies = ProductPage.objects.filter(slug="panneau")
    assert copies.count() == 2
    used_by = {ref.object_id for ref in ReferenceIndex.get_references_to(fact)}
    assert {str(p.pk) for p in copies} <= used_by
