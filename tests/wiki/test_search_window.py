"""The bounded-cost wiki search (wiki.selectors.fulltext): same answers as the
exact statement, filters honoured when the window is cut short, two queries
per search whatever the number of matches, hostile text kept out of SQL."""

import datetime

import pytest
from django.test import override_settings

from wiki.models import ArticlePage
from wiki.selectors import article_search, fulltext
from wiki.selectors.search import CANDIDATES
from wiki.stemming import query_stems

from .conftest import make_article, make_category, republish

pytestmark = pytest.mark.django_db

QUERY = "galvanisation"


@pytest.fixture
def shelf(wiki):
    """Two categories of articles mentioning galvanisation, titles and bodies."""
    traitements = make_category(wiki, "Traitements", slug="traitements")
    portails = make_category(wiki, "Portails", slug="portails")
    in_title = [
        make_article(traitements, f"Galvanisation à chaud {n}", "Bain de zinc.")
        for n in range(4)
    ]
    in_body = [
        make_article(portails, f"Portail battant {n}", "Poteaux après galvanisation.")
        for n in range(4)
    ]
    return {
        "traitements": traitements,
        "portails": portails,
        "title": in_title,
        "body": in_body,
    }


def ids(hits):
    return [hit.page.pk for hit in hits]


def ranked(query=QUERY, *, limit=50, within=None):
    stems = query_stems(query)
    pages = fulltext.ranked_articles(stems, query=query, limit=limit, within=within)
    return None if pages is None else [page.pk for page in pages]


def test_title_matches_rank_before_body_matches(shelf):
    found = ids(article_search(query="galvanisé"))
    assert set(found[:4]) == {page.pk for page in shelf["title"]}
    assert set(found[4:]) == {page.pk for page in shelf["body"]}


def test_window_gives_the_exact_statement_answer(shelf, monkeypatch):
    exact = ranked()
    monkeypatch.setattr(fulltext, "WINDOW", 3)  # every query now overflows it
    assert ranked() == exact
    assert exact[:4] == [
        page.pk for page in sorted(shelf["title"], key=lambda p: -p.pk)
    ]


def test_full_window_cut_by_filters_falls_back_to_exact(shelf, monkeypatch):
    """The window keeps the best by title: all in Traitements. Asking for
    Portails must still find the Portails articles (exact statement)."""
    monkeypatch.setattr(fulltext, "WINDOW", 4)
    rows = ranked(within=shelf["portails"])
    assert set(rows) == {page.pk for page in shelf["body"]}
    hits = article_search(query=QUERY, category=shelf["portails"])
    assert set(ids(hits)) == {page.pk for page in shelf["body"]}


def test_unpublished_articles_never_returned(shelf, monkeypatch):
    draft = shelf["title"][0]
    draft.unpublish()
    monkeypatch.setattr(fulltext, "WINDOW", 2)
    assert draft.pk not in ids(article_search(query=QUERY))
    assert draft.pk not in ranked()


def test_one_statement_reads_what_a_hit_shows(shelf, editor_user):
    page = shelf["title"][0]
    ArticlePage.objects.filter(pk=page.pk).update(
        expert=editor_user, last_reviewed=datetime.date(2026, 1, 15)
    )
    page.refresh_from_db()
    stems = query_stems(QUERY)
    found = fulltext.ranked_articles(stems, query=QUERY, limit=50)
    row = next(candidate for candidate in found if candidate.pk == page.pk)
    assert (row.title, row.summary, row.url_path) == (
        page.title,
        page.summary,
        page.url_path,
    )
    assert row.last_published_at == page.last_published_at  # typed, aware
    assert row.last_reviewed == datetime.date(2026, 1, 15)  # a date, not text
    assert row.expert_name == (editor_user.get_full_name() or editor_user.username)
    built = row.page()
    assert (built.pk, built.url, built.title) == (page.pk, page.url, page.title)
    assert not built._state.adding and built.get_deferred_fields()
    assert built.live is True and built.slug == page.slug  # deferred: loaded


def test_one_query_per_search(shelf, django_assert_num_queries):
    article_search(query=QUERY)  # content type cache warmed
    with django_assert_num_queries(1):  # ranking, hits and cached texts
        assert len(article_search(query=QUERY)) == 8
    with django_assert_num_queries(1):  # no hit, no pages to load
        assert article_search(query="introuvablissime") == []


def test_candidates_are_bounded(shelf):
    assert len(ranked(limit=3)) == 3
    assert CANDIDATES >= 20


@pytest.mark.parametrize(
    "query",
    [
        '" OR title : * NEAR(',
        "galvanisation' ; DROP TABLE wagtailcore_page; --",
        "galvanisation AND NOT zinc",
        "{body title} : ^zinc*",
        "galvanisation -- ) (",
    ],
)
def test_hostile_queries_are_words_not_syntax(shelf, query):
    hits = article_search(query=query)  # must not raise
    assert all(hit.page.live for hit in hits)
    assert fulltext.fts5_expression(['a"b', "zinc"]).count('"') % 2 == 0


@override_settings(
    WAGTAILSEARCH_BACKENDS={
        "default": {"BACKEND": "wagtail.search.backends.database.fallback"}
    }
)
def test_other_backends_use_wagtail_search(shelf):
    assert ranked() is None
    found = ids(article_search(query="Galvanisation"))
    assert set(found) >= {page.pk for page in shelf["title"]}


def test_snippet_text_follows_each_publication(wiki, django_assert_num_queries):
    category = make_category(wiki, "Clôtures", slug="clotures")
    page = make_article(category, "Grillage rigide", "Maille de 200 par 50 en zinc.")
    assert "<mark>zinc</mark>" in article_search(query="zinc")[0].snippet
    with django_assert_num_queries(1):  # text cached: the statement only
        article_search(query="zinc")

    republish(page, body=[("paragraph", "<p>Maille serrée, zinc-aluminium.</p>")])

    snippet = article_search(query="zinc")[0].snippet
    assert "serrée" in snippet and "200 par 50" not in snippet


def test_snippet_text_rebuilt_when_cache_is_empty(shelf, django_assert_num_queries):
    from wiki.selectors import plain_text

    hits = article_search(query=QUERY)
    plain_text.forget(hit.page.pk for hit in hits)
    with django_assert_num_queries(2):  # + one query for the bodies
        hits = article_search(query=QUERY)
    body_hits = [hit for hit in hits if hit.page.title.startswith("Portail")]
    assert len(body_hits) == 4
    assert all("<mark>galvanisation</mark>" in hit.snippet for hit in body_hits)


# -- header box suggestions (wiki.selectors.suggest) ---------------------------


def suggest(query):
    from wiki.selectors import article_autocomplete

    return [page.title for page in article_autocomplete(query=query)]


def test_suggestions_ignore_accents_and_prefer_title_starts(wiki):
    category = make_category(wiki, "Accessoires", slug="accessoires")
    make_article(category, "Échelle de chantier", "Accès au toit.")
    make_article(category, "Poteau d'angle", "Se fixe avec une échelle.")
    assert suggest("echel") == ["Échelle de chantier", "Poteau d'angle"]
    assert suggest("ÉCHELLE chan") == ["Échelle de chantier"]


def test_suggestions_are_one_bounded_statement(shelf, django_assert_num_queries):
    suggest("galv")  # content type cached
    with django_assert_num_queries(1):
        found = suggest("galv")
    assert len(found) == 8
    assert found[:4] == sorted(page.title for page in shelf["title"])


def test_suggestions_skip_drafts(shelf):
    draft = shelf["title"][0]
    draft.unpublish()
    assert draft.title not in suggest("galvanis")


@pytest.mark.parametrize("query", ["'", "gal' | 'x':*", '"gal" OR *', "g", "::*"])
def test_suggestions_take_words_not_syntax(shelf, query):
    assert isinstance(suggest(query), list)  # never a database error
