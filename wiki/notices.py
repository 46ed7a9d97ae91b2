"""Who the wiki tells, and when (services: each call writes notifications).

- a reader asks for a missing article → the category's editors (`wiki.wanted`);
  when it is published, the readers who asked;
- a page is submitted for review → the task's reviewers (`wiki.review_submitted`);
- it is approved or sent back → its author (`wiki.review_decided`);
- someone is @mentioned in a page comment (the admin's comments) → them.
Watchers of a changed article and experts of overdue ones: `wiki.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from hub.services import mentions_notify, notify

from . import links
from .models import ArticlePage, ArticleRequest
from .selectors.people import category_editors, task_reviewers


def _page_path(page) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def _edit_path(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@transaction.atomic
def article_request(*, title: str, category_id: int | None, by) -> ArticleRequest:
    """Record that `by` wants an article titled `title`; tell the category's
    editors the first time it is asked for (a second click is only counted)."""
    key = links.title_key(title)
    category = Page.objects.filter(pk=category_id).first() if category_id else None
    request, created = ArticleRequest.objects.select_for_update().get_or_create(
        key=key, defaults={"title": title[:255], "category": category}
    )
    request.requesters.add(by)
    if not created:
        ArticleRequest.objects.filter(pk=request.pk).update(
            last_requested_at=timezone.now()
        )
        return request
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("asks for a missing article:")
    notify(
        users=list(category_editors(category)),
        kind="wiki.wanted",
        verb=verb,
        target_label=request.title,
        target_url=links.create_url(request.title, category.pk if category else None),
        actor=by,
    )
    return request


def article_requests_answer(*, page: ArticlePage, actor=None) -> int:
    """An article with a requested title is published: tell who asked, close it."""
    request = ArticleRequest.objects.filter(key=links.title_key(page.title)).first()
    if request is None:
        return 0
    askers = list(request.requesters.all())
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("published the article you asked for:")
    notify(
        users=askers,
        kind="wiki.watched",
        verb=verb,
        target_label=page.title,
        target_url=_page_path(page),
        actor=actor,
    )
    request.delete()
    return len(askers)


def review_submitted_notify(*, task_state, user) -> None:
    page = task_state.workflow_state.content_object
    if not isinstance(page, Page):
        return
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("asks you to review")
    notify(
        users=list(task_reviewers(task_state, exclude=user)),
        kind="wiki.review_submitted",
        verb=verb,
        target_label=page.title,
        target_url=_edit_path(page),
        actor=user,
    )


def review_decided_notify(*, workflow_state, approved: bool, user) -> None:
    page = workflow_state.content_object
    author = workflow_state.requested_by
    if not isinstance(page, Page) or author is None:
        return
    page = page.specific
    with translation.override(settings.LANGUAGE_CODE):
        if approved:
            verb = _("approved your page")
        else:
            comment = _comment(workflow_state)
            verb = _("sent back your page for changes") + (
                f" ({comment})" if comment else ""
            )
    notify(
        users=[author],
        kind="wiki.review_decided",
        verb=verb,
        target_label=page.title,
        target_url=_page_path(page) if approved and page.live else _edit_path(page),
        actor=user,
    )


def _comment(workflow_state) -> str:
    task_state = workflow_state.current_task_state
    if task_state is None:
        return ""
    return (task_state.specific.get_comment() or "")[:150]


def comment_mentions_notify(*, page: Page, text: str, by) -> None:
    """@mentions in the admin's page comments: the mentioned who may edit the
    page (a comment is only visible in the editor) are told."""
    with translation.override(settings.LANGUAGE_CODE):
        where = _("a comment on")
    mentions_notify(
        text=text,
        actor=by,
        target_label=page.title,
        target_url=_edit_path(page),
        can_see=lambda user: page.permissions_for_user(user).can_edit(),
        where=where,
    )
