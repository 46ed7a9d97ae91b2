"""What the editors' demand queue (the `demand` app) reads of the wiki: the
events it turns into signals, and the live titles it closes items with."""

from __future__ import annotations

from datetime import datetime

from ..models import (
    AnswerFeedback,
    ArticleFeedback,
    ArticlePage,
    ArticleRequest,
    SearchLog,
    WikiLink,
)


def live_article_titles() -> list[tuple[int, str]]:
    return list(ArticlePage.objects.live().values_list("pk", "title"))


def zero_result_searches(*, since: datetime):
    return SearchLog.objects.filter(hits=0, created_at__gte=since).only(
        "pk", "query", "created_at"
    )


def unhelpful_article_votes(*, since: datetime):
    return ArticleFeedback.objects.filter(
        helpful=False, created_at__gte=since, page__live=True
    ).select_related("page")


def unhelpful_answer_votes(*, since: datetime):
    """Staff votes (customers' are noted by the question box, with their site)."""
    return AnswerFeedback.objects.filter(
        helpful=False, created_at__gte=since, source="staff"
    ).only("pk", "query", "page_id", "anchor", "created_at")


def article_requests():
    """Each (request, requester id) pair: every asker counts once."""
    return ArticleRequest.objects.prefetch_related("requesters")


def red_links():
    """Links to articles not written yet, from live articles."""
    return WikiLink.objects.filter(target__isnull=True, source__live=True).only(
        "source_id", "key", "title"
    )


def live_article(pk: int) -> ArticlePage | None:
    return ArticlePage.objects.live().filter(pk=pk).first()
