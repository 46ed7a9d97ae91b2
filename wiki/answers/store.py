"""The passages held in memory for ranking: postings for the forgiving
full-text part, the vector matrix for meaning, the vocabulary for typos.

Why in-process: a 300-person company's encyclopedia is tens of thousands of
sections at most; numpy multiplies a 40k × 384 matrix by the question in a few
milliseconds on these cores, and the postings answer a question without a
statement per word. One process-wide `Corpus` is rebuilt when the passages
change: each `ask` compares a cheap fingerprint (row count, last update, the
synonyms' last update) with the one it was built from. Page-level signals
(views, backlinks, votes, review dates) are refreshed every few minutes.
With Elasticsearch configured, the vectors live there instead (wiki.answers.es).
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Count, Q

from ..models import (
    AnswerFeedback,
    ArticleFeedback,
    ArticlePage,
    ArticlePassage,
    ArticleStat,
    Synonym,
    WikiLink,
)
from ..stemming import STOP_WORDS, fold_word, stem, words
from .embeddings import from_bytes, get_embedder
from .lexicon import SynonymRule, Vocabulary

TITLE_WEIGHT, HEADING_WEIGHT, TEXT_WEIGHT = 2.0, 2.0, 1.0
SUMMARY_TITLE_WEIGHT = 3.0  # the summary passage carries the title's promise
SIGNALS_TTL = 300.0


@dataclass
class PageSignals:
    views: int = 0
    backlinks: int = 0
    helpful: int = 0
    unhelpful: int = 0
    last_reviewed: object = None
    review_by: object = None


class Corpus:
    def __init__(self, rows, synonyms, *, with_vectors: bool, embedder_name: str):
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.page_ids = np.array([r[1] for r in rows], dtype=np.int64)
        self.public = np.array([bool(r[5]) for r in rows], dtype=bool)
        self.anchors = [r[2] for r in rows]
        self.position_of = {int(pk): i for i, pk in enumerate(self.ids)}
        self.titles: dict[int, str] = {}
        self.synonyms = synonyms
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        lengths = np.zeros(len(rows), dtype=np.float32)
        counts: Counter = Counter()
        display: dict[str, Counter] = defaultdict(Counter)
        vectors, has_vector = [], np.zeros(len(rows), dtype=bool)
        for i, (
            _pk,
            page_id,
            anchor,
            heading,
            text,
            _pub,
            vec,
            emb,
            title,
        ) in enumerate(rows):
            self.titles[int(page_id)] = title
            fields = [
                (title, SUMMARY_TITLE_WEIGHT if anchor == "" else TITLE_WEIGHT),
                (heading if anchor else "", HEADING_WEIGHT),
                (text, TEXT_WEIGHT),
            ]
            for content, weight in fields:
                for word in words(content):
                    folded = fold_word(word)
                    if folded in STOP_WORDS or folded.isdigit():
                        continue
                    if folded.isalpha():
                        counts[folded] += 1
                        display[folded][word.lower()] += 1
                    key = stem(folded)
                    entry = postings[key]
                    entry[i] = entry.get(i, 0.0) + weight
                    lengths[i] += weight
            if with_vectors:
                usable = vec is not None and emb == embedder_name
                has_vector[i] = usable
                vectors.append(from_bytes(vec) if usable else None)
        self.lengths = lengths
        self.average_length = float(lengths.mean()) if len(rows) else 1.0
        self.postings = {
            key: (
                np.fromiter(entry.keys(), dtype=np.int32, count=len(entry)),
                np.fromiter(entry.values(), dtype=np.float32, count=len(entry)),
            )
            for key, entry in postings.items()
        }
        self.vocabulary = Vocabulary(
            dict(counts),
            set(self.postings),
            {w: forms.most_common(1)[0][0] for w, forms in display.items()},
        )
        self.has_vector = has_vector
        self.vectors = _matrix(vectors, has_vector)
        self.signals: dict[int, PageSignals] = {}
        self.signals_at = 0.0

    def __len__(self):
        return len(self.ids)

    def idf(self, key: str) -> float:
        entry = self.postings.get(key)
        if entry is None:
            return 0.0
        n, df = len(self.ids), len(entry[0])
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _matrix(vectors, has_vector) -> np.ndarray | None:
    present = [v for v in vectors if v is not None]
    if not present:
        return None
    dim = present[0].shape[0]
    matrix = np.zeros((len(vectors), dim), dtype=np.float32)
    for i, vector in enumerate(vectors):
        if vector is not None and vector.shape[0] == dim:
            matrix[i] = vector
        else:
            has_vector[i] = False
    return matrix


_lock = threading.Lock()
_state: dict = {"fingerprint": None, "corpus": None}


FINGERPRINT_TTL = 1.0  # seconds: a publish is seen by the next question after it


def fingerprint(with_vectors: bool) -> tuple:
    """What the corpus was built from: passages and synonyms (count, last
    update), read in one statement, at most once a second per process."""
    now = time.monotonic()
    memo = _state.get("memo")
    if memo and memo[0] > now and memo[1] == with_vectors:
        return memo[2]
    passage_table = ArticlePassage._meta.db_table
    synonym_table = Synonym._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {passage_table}),"  # noqa: S608 - names
            f" (SELECT MAX(updated_at) FROM {passage_table}),"
            f" (SELECT COUNT(*) FROM {synonym_table}),"
            f" (SELECT MAX(updated_at) FROM {synonym_table})"
        )
        row = tuple(cursor.fetchone())
    stamp = (*row, with_vectors, get_embedder().name if with_vectors else "")
    _state["memo"] = (now + FINGERPRINT_TTL, with_vectors, stamp)
    return stamp


def current_corpus(*, with_vectors: bool = True) -> Corpus:
    """The process-wide corpus, rebuilt when the passages or synonyms changed."""
    stamp = fingerprint(with_vectors)
    corpus = _state["corpus"]
    if corpus is not None and _state["fingerprint"] == stamp:
        return _fresh_signals(corpus)
    with _lock:
        if _state["corpus"] is None or _state["fingerprint"] != stamp:
            _state["corpus"] = _build(with_vectors)
            _state["fingerprint"] = stamp
        return _fresh_signals(_state["corpus"])


def changed() -> None:
    """This process changed passages or synonyms: its next question checks
    (other processes see it within FINGERPRINT_TTL)."""
    _state["memo"] = None


def forget() -> None:
    """Drop the corpus (tests, the benchmark between sizes)."""
    _state["corpus"] = _state["fingerprint"] = _state["memo"] = None


def _build(with_vectors: bool) -> Corpus:
    columns = ["id", "page_id", "anchor", "heading", "text", "public"]
    columns += ["vector", "embedder"] if with_vectors else []
    rows = ArticlePassage.objects.filter(page__live=True).order_by("id")
    values = rows.values_list(*columns, "page__title")
    if with_vectors:
        data = list(values)
    else:
        data = [(*r[:6], None, "", r[6]) for r in values]
    return Corpus(
        data,
        synonym_rules(),
        with_vectors=with_vectors,
        embedder_name=get_embedder().name if with_vectors else "",
    )


def synonym_rules() -> list[SynonymRule]:
    rules = []
    for synonym in Synonym.objects.all():
        term = tuple(fold_word(w) for w in words(synonym.term))
        expansions = tuple(
            tuple(fold_word(w) for w in words(e)) for e in synonym.expansion_list()
        )
        if term and expansions:
            rules.append(SynonymRule(term, expansions, synonym.two_way))
    return rules


def _fresh_signals(corpus: Corpus) -> Corpus:
    if time.monotonic() - corpus.signals_at > SIGNALS_TTL:
        corpus.signals = page_signals(set(corpus.titles))
        corpus.signals_at = time.monotonic()
    return corpus


def page_signals(page_ids: set[int]) -> dict[int, PageSignals]:
    """Views, backlinks, article votes and review dates of every page: the
    boosts of the ranking (a handful of grouped statements)."""
    signals = {pk: PageSignals() for pk in page_ids}
    for pk, views in ArticleStat.objects.values_list("page_id", "views"):
        if pk in signals:
            signals[pk].views = views
    backlinks = (
        WikiLink.objects.filter(target__isnull=False)
        .values("target_id")
        .annotate(n=Count("source_id", distinct=True))
    )
    for row in backlinks:
        if row["target_id"] in signals:
            signals[row["target_id"]].backlinks = row["n"]
    votes = ArticleFeedback.objects.values("page_id").annotate(
        up=Count("id", filter=Q(helpful=True)),
        down=Count("id", filter=Q(helpful=False)),
    )
    for row in votes:
        if row["page_id"] in signals:
            signals[row["page_id"]].helpful += row["up"]
            signals[row["page_id"]].unhelpful += row["down"]
    answer_votes = AnswerFeedback.objects.values("page_id").annotate(
        up=Count("id", filter=Q(helpful=True)),
        down=Count("id", filter=Q(helpful=False)),
    )
    for row in answer_votes:
        if row["page_id"] in signals:
            signals[row["page_id"]].helpful += row["up"]
            signals[row["page_id"]].unhelpful += row["down"]
    dates = ArticlePage.objects.filter(pk__in=page_ids).values_list(
        "pk", "last_reviewed", "review_by"
    )
    for pk, reviewed, review_by in dates:
        signals[pk].last_reviewed, signals[pk].review_by = reviewed, review_by
    return signals
