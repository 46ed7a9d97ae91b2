"""Passage vectors in Elasticsearch (kNN), when ELASTICSEARCH_URL is set.

The index holds one document per passage: its id, page, anchor, whether it is
public, and its vector (`dense_vector`, cosine, HNSW-indexed). The question's
vector is searched with a `knn` clause filtered on `public` for customers.
Everything else of the ranking (BM25 on the corpus, fusion, boosts) stays in
wiki.answers.engine, so both stores rank alike.
"""

from __future__ import annotations

from django.conf import settings

from .embeddings import get_embedder

ALIAS = "wiki-passages"


def enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def index_name() -> str:
    return settings.PASSAGE_INDEX_NAME


def client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(hosts=[settings.ELASTICSEARCH_URL], request_timeout=5)


def mapping(dim: int) -> dict:
    return {
        "properties": {
            "passage_id": {"type": "long"},
            "page_id": {"type": "long"},
            "anchor": {"type": "keyword"},
            "public": {"type": "boolean"},
            "embedder": {"type": "keyword"},
            "vector": {
                "type": "dense_vector",
                "dims": dim,
                "index": True,
                "similarity": "cosine",
            },
        }
    }


def knn_body(vector, *, k: int, public_only: bool, embedder: str) -> dict:
    filters = [{"term": {"embedder": embedder}}]
    if public_only:
        filters.append({"term": {"public": True}})
    return {
        "knn": {
            "field": "vector",
            "query_vector": [float(x) for x in vector],
            "k": k,
            "num_candidates": max(100, 4 * k),
            "filter": {"bool": {"filter": filters}},
        },
        "_source": ["passage_id"],
        "size": k,
    }


def document(passage, vector, embedder: str) -> dict:
    return {
        "_index": index_name(),
        "_id": str(passage.pk),
        "_source": {
            "passage_id": passage.pk,
            "page_id": passage.page_id,
            "anchor": passage.anchor,
            "public": passage.public,
            "embedder": embedder,
            "vector": [float(x) for x in vector],
        },
    }


def index_create(*, delete_existing: bool = False) -> None:
    es = client()
    if delete_existing:
        es.indices.delete(index=index_name(), ignore_unavailable=True)
    if not es.indices.exists(index=index_name()):
        es.indices.create(index=index_name(), mappings=mapping(get_embedder().dim))


def index_passages(pairs) -> int:
    """Index (passage, vector) pairs."""
    from elasticsearch.helpers import bulk

    name = get_embedder().name
    actions = [document(p, v, name) for p, v in pairs]
    if not actions:
        return 0
    index_create()
    bulk(client(), actions, refresh=False)
    return len(actions)


def delete_page(page_id: int) -> None:
    client().delete_by_query(
        index=index_name(),
        query={"term": {"page_id": page_id}},
        ignore_unavailable=True,
        conflicts="proceed",
    )


def knn(vector, *, k: int, public_only: bool) -> list[tuple[int, float]]:
    """(passage id, cosine similarity) best first. Elasticsearch scores a
    cosine kNN hit as (1 + cos) / 2: turned back into the cosine."""
    body = knn_body(vector, k=k, public_only=public_only, embedder=get_embedder().name)
    response = client().search(index=index_name(), **body)
    return [
        (int(hit["_source"]["passage_id"]), 2 * float(hit["_score"]) - 1)
        for hit in response["hits"]["hits"]
    ]
