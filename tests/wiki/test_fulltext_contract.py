"""Contract with `modelsearch` (Wagtail's search index): wiki.selectors.fulltext
and suggest.py read its tables with raw SQL, so what they rely on is pinned
here — table and column names, SQLite FTS5 column order (bm25 weights are
positional), the PostgreSQL vectors — and the raw statements must find the
same articles as Wagtail's own `.search()` and `.autocomplete()`. A
modelsearch upgrade that changes any of it fails here, not in production."""

import pytest
from django.db import connection
from wagtail.search.query import PlainText

from tests.wiki.conftest import make_article, make_category
from wiki.models import ArticlePage
from wiki.selectors.fulltext import database_backend, ranked_articles, tables
from wiki.selectors.suggest import suggested_rows
from wiki.stemming import query_stems

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(wiki):
    category = make_category(wiki, "Traitements", slug="traitements")
    other = make_category(wiki, "Portails", slug="portails")
    make_article(category, "Galvanisation à chaud", "Bain de zinc fondu à 450 °C.")
    make_article(category, "Rouille blanche", "Sur l'acier galvanisé stocké humide.")
    make_article(other, "Portail coulissant", "Sur rail ou autoportant, en acier.")
    make_article(other, "Portail battant", "Deux vantaux en aluminium.")
    return category


def test_the_index_tables_have_the_columns_read():
    from wagtail.search.models import IndexEntry

    entry, page, joins = tables()
    assert entry == IndexEntry._meta.db_table == "wagtailsearch_indexentry"
    names = {f.column for f in IndexEntry._meta.concrete_fields}
    assert {"content_type_id", "object_id", "title", "body", "autocomplete"} <= names
    if connection.vendor == "postgresql":
        assert "title_norm" in names


def test_sqlite_fts5_columns_keep_their_order():
    if database_backend() != "sqlite":
        pytest.skip("SQLite FTS5 only")
    from wiki.selectors.fulltext import fts_table

    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({fts_table()})")
        columns = [row[1] for row in cursor.fetchall()]
    # bm25(fts, autocomplete, body, title) weights in fulltext/suggest
    assert columns == ["autocomplete", "body", "title"]


@pytest.mark.parametrize(
    "query", ["galvanisé", "acier", "portail", "zinc fondu", "aluminium vantaux"]
)
def test_raw_search_finds_what_wagtail_finds(corpus, query):
    if database_backend() is None:
        pytest.skip("the raw statements serve the database backends only")
    stems = query_stems(query)
    raw = ranked_articles(stems, query=query, limit=50)
    wagtail = ArticlePage.objects.live().search(
        PlainText(" ".join(stems), operator="and")
    )
    assert {row.pk for row in raw} == {page.pk for page in wagtail}
    assert raw, f"{query!r} finds something"


def test_raw_search_respects_the_category(corpus):
    if database_backend() is None:
        pytest.skip("the raw statements serve the database backends only")
    rows = ranked_articles(["acier"], query="acier", within=corpus, limit=50)
    assert [row.title for row in rows] == ["Rouille blanche"]


def test_raw_suggestions_find_what_wagtail_autocompletes(corpus):
    if database_backend() is None:
        pytest.skip("the raw statements serve the database backends only")
    rows = suggested_rows("galv", limit=8)
    wagtail = ArticlePage.objects.live().autocomplete("galv")
    assert {row.pk for row in rows} == {page.pk for page in wagtail}
    assert {row.title for row in rows} == {"Galvanisation à chaud", "Rouille blanche"}
