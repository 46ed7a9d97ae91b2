"""Writes of what readers do: views, watches, feedback, the search log,
and telling watchers an article changed."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from hub.services import audit_log, notify

from ..models import (
    ArticleFeedback,
    ArticlePage,
    ArticleStat,
    SearchLog,
    Watch,
)


def article_view_record(*, page: Page) -> None:
    """Count a view (an UPDATE, or an INSERT the first time)."""
    now = timezone.now()
    updated = ArticleStat.objects.filter(page_id=page.pk).update(
        views=F("views") + 1, last_viewed_at=now
    )
    if not updated:
        try:
            with transaction.atomic():
                ArticleStat.objects.create(page_id=page.pk, views=1, last_viewed_at=now)
        except IntegrityError:  # a concurrent first view created it
            ArticleStat.objects.filter(page_id=page.pk).update(views=F("views") + 1)


@transaction.atomic
def watch_toggle(*, user, page: Page) -> bool:
    """Watch or unwatch a page (an article, a category or the wiki); returns the
    new state."""
    deleted, _rows = Watch.objects.filter(user=user, page=page).delete()
    if deleted:
        audit_log(actor=user, action="wiki.unwatch", target=page)
        return False
    watch = Watch(user=user, page=page)
    watch.full_clean()
    watch.save()
    audit_log(actor=user, action="wiki.watch", target=page)
    return True


@transaction.atomic
def feedback_submit(*, user, page: Page, helpful: bool, comment: str = ""):
    feedback = ArticleFeedback.objects.filter(page=page, user=user).first()
    if feedback is None:
        feedback = ArticleFeedback(page=page, user=user, helpful=helpful)
    feedback.helpful = helpful
    feedback.comment = comment.strip()
    feedback.created_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit_log(
        actor=user,
        action="wiki.feedback",
        target=page,
        changes={"helpful": helpful},
    )
    return feedback


def search_log(*, query: str, hits: int, user=None, category=None) -> SearchLog:
    from ..stemming import fold

    entry = SearchLog(
        query=query[:200],
        normalized=" ".join(fold(query).split())[:200],
        hits=hits,
        user=user if getattr(user, "is_authenticated", False) else None,
        category=category,
    )
    entry.full_clean()
    entry.save()
    return entry


def watchers_of(page: Page):
    """Users watching the page or one of its ancestors (its category, the wiki)."""
    from django.contrib.auth import get_user_model

    ancestor_ids = list(page.get_ancestors(inclusive=True).values_list("pk", flat=True))
    return (
        get_user_model()
        .objects.filter(wiki_watches__page_id__in=ancestor_ids, is_active=True)
        .distinct()
    )


def site_path(page) -> str:
    """The page's path on its site ("/wiki/…"): notifications are opened from
    the hub whatever host and port it is served on (with microsites, `.url`
    is absolute with the site's configured hostname); e-mails prefix
    HUB_BASE_URL."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def article_published_notify(*, page: ArticlePage, actor=None, created=False):
    """Tell watchers an article changed (never its author: notify skips the actor)."""
    verb = _("published a new article") if created else _("updated the article")
    return notify(
        users=list(watchers_of(page)),
        kind="wiki.watched",
        verb=verb,
        target_label=page.title,
        target_url=site_path(page),
        actor=actor,
    )
