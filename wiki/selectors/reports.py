"""Editors' reports: recent changes, wanted articles, searches, helpfulness."""

from __future__ import annotations

from django.db.models import Count, F, FloatField, Max, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import PageLogEntry

from ..models import ArticleFeedback, ArticlePage, SearchLog, WikiLink

CHANGE_ACTIONS = (
    "wagtail.create",
    "wagtail.edit",
    "wagtail.publish",
    "wagtail.revert",
    "wagtail.rename",
    "wagtail.move",
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
)


def recent_changes(*, index, username: str = "", category=None, limit: int = 50):
    """Wagtail log entries under the wiki, newest first (the audit trail)."""
    scope = category or index
    entries = (
        PageLogEntry.objects.filter(
            action__in=CHANGE_ACTIONS, page__path__startswith=scope.path
        )
        .filter(page__depth__gt=index.depth)
        .select_related("user", "page", "revision")
        .order_by("-timestamp", "-pk")
    )
    if username:
        entries = entries.filter(user__username=username)
    return entries[:limit]


def wanted_articles(*, limit: int = 50) -> list[dict]:
    """Red links by how many live articles use them."""
    rows = (
        WikiLink.objects.filter(target__isnull=True, source__live=True)
        .values("key")
        .annotate(uses=Count("source", distinct=True), title=Max("title"))
        .order_by("-uses", "key")[:limit]
    )
    return list(rows)


def _since(days: int):
    return timezone.now() - timezone.timedelta(days=days)


def top_searches(*, days: int = 90, limit: int = 15) -> list[dict]:
    return list(
        SearchLog.objects.filter(created_at__gte=_since(days))
        .values("normalized")
        .annotate(count=Count("pk"), query=Max("query"), hits=Max("hits"))
        .order_by("-count", "normalized")[:limit]
    )


def unanswered_searches(*, days: int = 90, limit: int = 30) -> list[dict]:
    """Questions without answers: searches that found nothing, most asked first."""
    return list(
        SearchLog.objects.filter(created_at__gte=_since(days), hits=0)
        .values("normalized")
        .annotate(
            count=Count("pk"),
            query=Max("query"),
            last=Max("created_at"),
            users=Count("user", distinct=True),
        )
        .order_by("-count", "-last")[:limit]
    )


def most_viewed(*, limit: int = 10):
    return (
        ArticlePage.objects.live()
        .filter(wiki_stat__views__gt=0)
        .annotate(views=F("wiki_stat__views"))
        .order_by("-views", "title")[:limit]
    )


def least_helpful(*, limit: int = 10) -> list[dict]:
    rows = (
        ArticleFeedback.objects.values("page_id")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
        )
        .filter(no__gt=0)
        .annotate(ratio=Cast(F("no"), FloatField()) / (F("yes") + F("no")))
        .order_by("-ratio", "-no")[:limit]
    )
    rows = list(rows)
    # live only: a trashed (or unpublished) article has nothing to link to
    pages = ArticlePage.objects.live().in_bulk([row["page_id"] for row in rows])
    return [
        dict(row, page=pages[row["page_id"]]) for row in rows if row["page_id"] in pages
    ]


def stale_articles(*, limit: int = 30):
    return (
        ArticlePage.objects.live()
        .filter(review_by__lt=timezone.localdate())
        .select_related("expert")
        .order_by("review_by")[:limit]
    )


def recent_feedback_comments(*, limit: int = 10):
    return (
        ArticleFeedback.objects.exclude(comment="")
        .filter(page__live=True)
        .select_related("page", "user")
        .order_by("-created_at")[:limit]
    )
