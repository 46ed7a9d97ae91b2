"""Reads behind the wiki home, categories, articles and the dashboard panel."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import ReferenceIndex

from hub import roles

from ..models import (
    ArticleFeedback,
    ArticlePage,
    LessonCompletion,
    Watch,
    WikiCategoryPage,
    WikiIndexPage,
)


def wiki_index() -> WikiIndexPage | None:
    return WikiIndexPage.objects.live().first()


def article_by_title(title: str) -> ArticlePage | None:
    from ..links import title_key

    key = title_key(title)
    for pk, other in ArticlePage.objects.live().values_list("pk", "title"):
        if title_key(other) == key:
            return ArticlePage.objects.get(pk=pk)
    return None


def _articles(index=None):
    queryset = ArticlePage.objects.live()
    if index is not None:
        queryset = queryset.descendant_of(index)
    return queryset


def recently_changed(*, index=None, limit=8):
    return (
        _articles(index)
        .select_related("latest_revision__user", "expert")
        .order_by("-last_published_at")[:limit]
    )


def due_for_review(*, index=None, expert=None, limit=10):
    queryset = _articles(index).filter(review_by__lt=timezone.localdate())
    if expert is not None:
        queryset = queryset.filter(expert=expert)
    return queryset.select_related("expert").order_by("review_by")[:limit]


def most_consulted(*, index=None, limit=8):
    return (
        _articles(index)
        .filter(wiki_stat__views__gt=0)
        .annotate(views=F("wiki_stat__views"))
        .order_by("-views", "title")[:limit]
    )


def wiki_home_data(*, index: WikiIndexPage, user) -> dict:
    categories = list(WikiCategoryPage.objects.live().child_of(index).order_by("title"))
    counts = {}
    if categories:
        width = len(categories[0].path)
        counts = dict(
            _articles(index)
            .order_by()
            .annotate(prefix=Substr("path", 1, width))
            .values("prefix")
            .annotate(n=Count("pk"))
            .values_list("prefix", "n")
        )
    return {
        "categories": [(c, counts.get(c.path, 0)) for c in categories],
        "recent": recently_changed(index=index),
        "popular": most_consulted(index=index),
        "due": due_for_review(index=index),
        "watching": Watch.objects.filter(user=user, page=index).exists(),
        "is_editor": roles.is_editor(user),
    }


def category_articles(*, category: WikiCategoryPage):
    return (
        ArticlePage.objects.live()
        .child_of(category)
        .select_related("expert")
        .order_by("title")
    )


def backlinks(page) -> list:
    """Live articles whose [[links]] or page links point at `page`
    (Wagtail's reference index)."""
    source_ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type__app_label="wagtailcore")
        .values_list("object_id", flat=True)
    )
    return list(
        ArticlePage.objects.live()
        .filter(pk__in=[int(pk) for pk in source_ids])
        .exclude(pk=page.pk)
        .order_by("title")
    )


def link_map(page, request=None) -> dict:
    from ..links import title_key

    result = {}
    for link in page.wiki_links.all():
        target = link.target
        if target is not None and target.live:
            result[title_key(link.title)] = (target.get_url(request), target.title)
    return result


def _ancestor_paths(page) -> list[str]:
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def article_context(*, page: ArticlePage, user, request=None) -> dict:
    toc = page.table_of_contents()
    # one query: the article and its ancestors (category, wiki home) watched?
    watched = set(
        Watch.objects.filter(
            user=user, page__path__in=_ancestor_paths(page)
        ).values_list("page_id", flat=True)
    )
    can_edit = (user.is_superuser or roles.is_editor(user)) and (
        page.permissions_for_user(user).can_edit()
    )
    votes = ArticleFeedback.objects.filter(page=page).aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    return {
        "toc": toc,
        "anchors": {item["id"]: item["anchor"] for item in toc},
        "wiki_link_map": link_map(page, request),
        "category": page.get_parent(),
        "backlinks": backlinks(page),
        "watching": page.pk in watched,
        "watching_category": bool(watched - {page.pk}),
        "my_feedback": ArticleFeedback.objects.filter(page=page, user=user).first(),
        "votes": votes,
        "can_edit": can_edit,
        "last_editor": page.live_revision.user if page.live_revision_id else None,
    }


def wiki_panel_data(*, user) -> dict:
    return {
        "recent": recently_changed(limit=5),
        "my_due": due_for_review(expert=user, limit=5),
        "lessons_done": LessonCompletion.objects.filter(user=user).count(),
        "live_classes": _upcoming_live_classes(),
    }


def _upcoming_live_classes():
    from .webschool import upcoming_live_classes

    return upcoming_live_classes(limit=3)
