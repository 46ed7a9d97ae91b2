"""Writes of the wiki app: keyword-only, atomic, validated, audited."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, ReferenceIndex, WorkflowPage

from hub import roles
from hub.services import audit_log, notify

from . import links
from .models import (
    ArticleFeedback,
    ArticlePage,
    ArticleStat,
    LessonCompletion,
    LessonPage,
    ProductFact,
    ReviewReminder,
    SearchLog,
    Watch,
    WikiCategoryPage,
    WikiLink,
)
from .selectors import plain_text


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
    from .search import fold

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


def _site_path(page) -> str:
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
        verb=verb,
        target_label=page.title,
        target_url=_site_path(page),
        actor=actor,
    )


@transaction.atomic
def wiki_links_attach(*, page: ArticlePage) -> int:
    """Point red links whose title matches this (newly) published article at it,
    and refresh the reference index of the articles that hold them."""
    key = links.title_key(page.title)
    sources = list(
        WikiLink.objects.filter(key=key, target__isnull=True).values_list(
            "source_id", flat=True
        )
    )
    if not sources:
        return 0
    count = WikiLink.objects.filter(key=key, target__isnull=True).update(target=page)
    for source in ArticlePage.objects.filter(pk__in=sources):
        ReferenceIndex.create_or_update_for_object(source)
    return count


@transaction.atomic
def article_create_draft(*, title: str, category: WikiCategoryPage, by) -> ArticlePage:
    """A draft article (from a red link); an existing draft of that title is reused."""
    from django.contrib.contenttypes.models import ContentType

    # Content-type ids cached by a long-running process go stale when the
    # table is rebuilt (the browser tests' database flush); one query avoids
    # a foreign-key failure on the page, revision and log rows created here.
    ContentType.objects.clear_cache()
    title = " ".join(title.split())[:255]
    key = links.title_key(title)
    for draft in ArticlePage.objects.child_of(category).filter(live=False):
        if links.title_key(draft.title) == key:
            return draft
    page = ArticlePage(
        title=title,
        summary=_("To be written."),
        live=False,
        owner=by,
        expert=by,
    )
    category.add_child(instance=page)
    page.save_revision(user=by, log_action=True)
    audit_log(actor=by, action="wiki.article.create_draft", target=page)
    return page


def articles_reindex_for_fact(*, fact: ProductFact) -> int:
    """Refresh the search index of the articles that embed `fact`: their indexed
    text (`search_stems`) carries the fact's name, summary and specifications,
    which Wagtail indexed when the article was saved, not when the fact was.
    The articles come from Wagtail's reference index (the fact's "Usage")."""
    return articles_reindex(page_ids=article_ids_embedding_fact(fact=fact))


def article_ids_embedding_fact(*, fact: ProductFact) -> list[int]:
    return [
        int(pk)
        for pk in ReferenceIndex.get_references_to(fact)
        .filter(base_content_type__app_label="wagtailcore")
        .values_list("object_id", flat=True)
    ]


def articles_reindex(*, page_ids: list[int]) -> int:
    """Re-index these articles (those gone meanwhile are skipped) and drop their
    cached plain text, so search and its snippets follow a fact's edit or
    deletion."""
    from wagtail.search.index import insert_or_update_object

    count = 0
    for article in ArticlePage.objects.filter(pk__in=page_ids):
        insert_or_update_object(article)
        count += 1
    plain_text.forget(page_ids)  # search snippets too
    return count


# -- trust ----------------------------------------------------------------------


def grant_page_permission(*, group: Group, page: Page, action: str) -> None:
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename=f"{action}_page"
    )
    GroupPagePermission.objects.get_or_create(
        group=group, page=page, permission=permission
    )


REVIEW_WORKFLOW_NAME = "Relecture wiki"


def review_workflow():
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    workflow, _created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=_("Expert review"))
        moderators, _created = Group.objects.get_or_create(name="Moderators")
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def category_apply_review_policy(*, category: WikiCategoryPage) -> None:
    """Review on: the category carries the "Relecture wiki" workflow and Editors
    may not publish there. Review off: no workflow of ours, Editors publish."""
    editors = Group.objects.get(name=roles.EDITORS)
    if category.requires_review:
        WorkflowPage.objects.update_or_create(
            page=category, defaults={"workflow": review_workflow()}
        )
        GroupPagePermission.objects.filter(
            group=editors, page=category, permission__codename="publish_page"
        ).delete()
    else:
        WorkflowPage.objects.filter(
            page=category, workflow__name=REVIEW_WORKFLOW_NAME
        ).delete()
        grant_page_permission(group=editors, page=category, action="publish")


@transaction.atomic
def review_reminders_send(*, today=None) -> int:
    """Notify each expert once per review date about their overdue articles."""
    today = today or timezone.localdate()
    sent = 0
    overdue = (
        ArticlePage.objects.live()
        .filter(review_by__lt=today, expert__isnull=False)
        .select_related("expert")
    )
    for page in overdue:
        _reminder, created = ReviewReminder.objects.get_or_create(
            page=page, review_by=page.review_by
        )
        if not created:
            continue
        notify(
            users=[page.expert],
            verb=_("is due for review (you are its expert)"),
            target_label=page.title,
            target_url=_site_path(page),
        )
        sent += 1
    return sent


# -- Webschool --------------------------------------------------------------------


@transaction.atomic
def lesson_mark_done(*, user, lesson: LessonPage) -> LessonCompletion:
    completion = LessonCompletion.objects.filter(user=user, lesson=lesson).first()
    if completion is not None:
        return completion
    completion = LessonCompletion(
        user=user, lesson=lesson, minutes=lesson.duration_minutes
    )
    completion.full_clean()
    completion.save()
    audit_log(actor=user, action="webschool.lesson_done", target=lesson)
    return completion


@transaction.atomic
def lesson_mark_undone(*, user, lesson: LessonPage) -> bool:
    deleted, _rows = LessonCompletion.objects.filter(user=user, lesson=lesson).delete()
    if deleted:
        audit_log(actor=user, action="webschool.lesson_undone", target=lesson)
    return bool(deleted)
