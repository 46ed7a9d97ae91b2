from decimal import Decimal

import pytest

from wiki.blocks import ProductFactBlock, PublicProductFactBlock
from wiki.models import ProductFact
from wiki.selectors import product_fact_public_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def fact():
    fact = ProductFact(
        name="Panneau rigide Axis 3D",
        reference="AX3D-1530",
        summary="Panneau soudé plastifié vert RAL 6005.",
        specs=[
            ("spec", {"label": "Hauteur", "value": "1530", "unit": "mm"}),
            ("spec", {"label": "Fil", "value": "5", "unit": "mm"}),
        ],
        internal_notes="Marge faible <script>alert(1)</script>",
        unit_cost=Decimal("23.40"),
        supplier="Tréfileries du Nord",
    )
    fact.full_clean()
    fact.save()
    return fact


def test_public_data_has_public_fields_only(fact):
    data = product_fact_public_data(fact)
    assert data["name"] == "Panneau rigide Axis 3D"
    assert data["reference"] == "AX3D-1530"
    assert data["specs"][0] == {"label": "Hauteur", "value": "1530", "unit": "mm"}
    flat = repr(data)
    assert "Marge" not in flat
    assert "23.40" not in flat
    assert "Tréfileries" not in flat
    assert product_fact_public_data(None) == {}


def test_public_block_never_renders_internal_fields(fact):
    block = PublicProductFactBlock()
    html = block.render(block.to_python({"fact": fact.pk, "show_image": True}))
    assert "Panneau rigide Axis 3D" in html
    assert "1530" in html
    assert "Marge" not in html
    assert "23.40" not in html and "23,40" not in html
    assert "Tréfileries" not in html


def test_staff_block_shows_internal_fields_escaped(fact):
    block = ProductFactBlock()
    html = block.render(block.to_python({"fact": fact.pk, "show_image": False}))
    assert "23,40 €" in html  # French number format
    assert "Tréfileries du Nord" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_reference_is_unique(fact):
    from django.core.exceptions import ValidationError

    twin = ProductFact(name="Autre", reference="AX3D-1530")
    with pytest.raises(ValidationError):
        twin.full_clean()


def test_reference_index_shows_where_a_fact_is_used(fact):
    from wagtail.models import ReferenceIndex

    from tests.wiki.conftest import make_article, make_category
    from wiki.bootstrap import ensure_wiki_tree

    wiki, _school = ensure_wiki_tree()
    category = make_category(wiki)
    article = make_article(
        category,
        "Panneau rigide",
        body=[("product_fact", {"fact": fact, "show_image": True})],
    )
    sources = ReferenceIndex.get_references_to(fact).values_list("object_id", flat=True)
    assert str(article.pk) in list(sources)


def test_fact_admin_usage_view(fact, client, editor_user):
    from wiki.bootstrap import ensure_wiki_tree

    ensure_wiki_tree()  # grants Editors the fact permissions
    client.force_login(editor_user)
    response = client.get(f"/cms/snippets/wiki/productfact/usage/{fact.pk}/")
    assert response.status_code == 200


@pytest.fixture
def embedding(fact, wiki):
    """(article embedding `fact`, its category "Panneaux")."""
    from .conftest import make_article, make_category

    category = make_category(wiki, "Panneaux", slug="panneaux")
    article = make_article(
        category,
        "Choisir un panneau",
        body=[("product_fact", {"fact": fact, "show_image": False})],
    )
    return article, category


def test_editing_a_fact_reindexes_the_articles_that_embed_it(
    fact, embedding, django_capture_on_commit_callbacks
):
    from wiki.selectors import article_search

    from .conftest import make_article

    article, category = embedding
    other = make_article(category, "Portail battant", "Deux vantaux.")
    assert [hit.page.pk for hit in article_search(query="plastifié")] == [article.pk]
    assert article_search(query="thermolaqué") == []

    fact.summary = "Panneau soudé thermolaqué gris anthracite."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fact.save()
    assert len(callbacks) == 1

    assert [hit.page.pk for hit in article_search(query="thermolaqué")] == [article.pk]
    assert article_search(query="plastifié") == []
    assert other.pk not in [hit.page.pk for hit in article_search(query="panneau")]


def test_editing_a_fact_refreshes_search_snippets(
    fact, embedding, django_capture_on_commit_callbacks
):
    """Snippets come from cached plain text (wiki.selectors.plain_text): the
    fact edit must drop it, or the hit would still quote the old fact."""
    from wiki.selectors import article_search

    assert "thermolaqué" not in article_search(query="panneau")[0].snippet

    fact.summary = "Panneau soudé thermolaqué gris anthracite."
    with django_capture_on_commit_callbacks(execute=True):
        fact.save()

    assert "<mark>thermolaqué</mark>" in article_search(query="thermolaqué")[0].snippet


def test_deleting_a_fact_reindexes_the_articles_that_embedded_it(
    fact, embedding, django_capture_on_commit_callbacks
):
    """The fact's reference rows go with it, so the articles are listed before
    the delete and re-indexed after the commit: search forgets its words, and
    the cached plain text behind snippets is dropped."""
    from django.core.cache import cache

    from wiki.selectors import article_search, plain_text

    from .conftest import make_article

    article, category = embedding
    other = make_article(category, "Portail plastifié", "Deux vantaux.")
    hits = article_search(query="plastifié")
    assert {hit.page.pk for hit in hits} == {article.pk, other.pk}
    assert "plastifié" in next(h for h in hits if h.page.pk == article.pk).snippet
    assert cache.get(plain_text._key(article.pk)) is not None

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fact.delete()
    assert len(callbacks) == 1

    assert cache.get(plain_text._key(article.pk)) is None
    assert [hit.page.pk for hit in article_search(query="plastifié")] == [other.pk]
    assert article_search(query="AX3D") == []
    hit = article_search(query="choisir")[0]  # still found by its own words
    assert hit.page.pk == article.pk and "plastifié" not in hit.snippet


def test_deleting_a_fact_in_the_admin_reindexes_its_articles(
    fact, embedding, client, admin_user, django_capture_on_commit_callbacks
):
    from wiki.selectors import article_search

    assert article_search(query="plastifié")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cms/snippets/wiki/productfact/delete/{fact.pk}/")
    assert response.status_code == 302
    assert not ProductFact.objects.filter(pk=fact.pk).exists()
    assert article_search(query="plastifié") == []


def test_deleting_an_unused_fact_schedules_nothing(
    fact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        fact.delete()
    assert callbacks == []
