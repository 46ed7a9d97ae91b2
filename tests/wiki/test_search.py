import pytest

from wiki.models import SearchLog
from wiki.stemming import highlight, stem

from .conftest import make_article, make_category

pytestmark = pytest.mark.django_db


def test_stemmer_joins_french_forms():
    assert stem("galvanisé") == stem("galvanisation") == stem("galvaniser")
    assert stem("plastifié") == stem("plastification")
    assert stem("soudé") == stem("soudure") == stem("soudage")
    assert stem("poteaux") == stem("poteau")


def test_highlight_escapes_then_marks():
    html = highlight("La <b>galvanisation</b> & le zinc", "galvanisé")
    assert html == "La &lt;b&gt;<mark>galvanisation</mark>&lt;/b&gt; &amp; le zinc"


@pytest.fixture
def corpus(wiki):
    traitements = make_category(wiki, "Traitements", slug="traitements")
    portails = make_category(wiki, "Portails", slug="portails")
    body_hit = make_article(
        traitements,
        "Rouille blanche",
        "Dépôt sur l'acier après la galvanisation à chaud, stocké humide.",
    )
    title_hit = make_article(
        traitements, "Galvanisation à chaud", "Bain de zinc fondu à 450 °C."
    )
    other = make_article(portails, "Portail battant", "Deux vantaux.")
    return {"body": body_hit, "title": title_hit, "other": other, "portails": portails}


def test_galvanise_finds_galvanisation_title_first(client, staff_user, corpus):
    client.force_login(staff_user)
    response = client.get("/wiki/search/", {"q": "galvanisé"})
    hits = response.context["hits"]
    assert [h.page.pk for h in hits] == [corpus["title"].pk, corpus["body"].pk]
    html = response.content.decode()
    assert "<mark>Galvanisation</mark>" in html
    log = SearchLog.objects.get()
    assert (log.query, log.hits, log.user) == ("galvanisé", 2, staff_user)


def test_category_filter(client, staff_user, corpus):
    client.force_login(staff_user)
    response = client.get(
        "/wiki/search/", {"q": "galvanisé", "category": corpus["portails"].pk}
    )
    assert response.context["hits"] == []


def test_zero_result_logged_and_reported(client, staff_user, editor_user, corpus):
    client.force_login(staff_user)
    response = client.get("/wiki/search/", {"q": "clôture électrique"})
    assert response.context["hits"] == []
    assert SearchLog.objects.get().hits == 0
    client.force_login(editor_user)
    report = client.get("/wiki/reports/")
    assert report.status_code == 200
    assert [row["query"] for row in report.context["unanswered"]] == [
        "clôture électrique"
    ]
    assert "clôture électrique" in report.content.decode()


def test_reports_refused_to_non_editors(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/wiki/reports/").status_code == 403


def test_autocomplete_json(client, staff_user, corpus):
    client.force_login(staff_user)
    data = client.get("/wiki/search/autocomplete/", {"q": "galv"}).json()
    assert data["results"][0]["title"] == "Galvanisation à chaud"
    assert data["results"][0]["url"] == corpus["title"].url
    assert data["results"][0]["url"].startswith("/")  # this site: a path, any port
    data = client.get("/wiki/search/autocomplete/", {"q": "galvanisé"}).json()
    assert "Galvanisation à chaud" in [r["title"] for r in data["results"]]
    assert client.get("/wiki/search/autocomplete/", {"q": "g"}).json()["results"] == []


def test_autocomplete_refused_to_outsiders(client, outsider_user):
    client.force_login(outsider_user)
    assert client.get("/wiki/search/autocomplete/", {"q": "galv"}).status_code == 403


def test_search_reads_product_facts_and_tables(client, staff_user, wiki):
    from wiki.models import ProductFact

    fact = ProductFact.objects.create(
        name="Poteau à encoches 60 x 40",
        reference="PE-6040",
        specs=[("spec", {"label": "Finition", "value": "thermolaqué", "unit": ""})],
    )
    category = make_category(wiki, "Poteaux", slug="poteaux")
    article = make_article(
        category,
        "Poteaux pour panneaux",
        body=[
            ("product_fact", {"fact": fact, "show_image": False}),
            (
                "spec_table",
                {
                    "caption": "Longueurs",
                    "table": {"data": [["Longueur", "Scellement"], ["2000", "béton"]]},
                },
            ),
        ],
    )
    client.force_login(staff_user)
    for query in ("thermolaqué", "scellement béton"):
        hits = client.get("/wiki/search/", {"q": query}).context["hits"]
        assert [h.page.pk for h in hits] == [article.pk], query


def test_links_stay_on_this_host_when_there_are_several_sites(
    client, staff_user, corpus, second_site
):
    """With microsites, a page's `.url` is absolute with the site's configured
    hostname (http://localhost/…): a suggestion must keep the host and port
    the user is on (the demo runs on 127.0.0.1:8000)."""
    from urllib.parse import urlsplit

    assert corpus["title"].url.startswith("http")  # what the view must not use
    client.force_login(staff_user)
    data = client.get("/wiki/search/autocomplete/", {"q": "galv"}).json()
    assert data["results"][0]["url"] == urlsplit(corpus["title"].url).path
