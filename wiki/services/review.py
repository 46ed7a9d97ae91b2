"""Trust: page permissions, the review workflow of categories, reminders of
articles past their review date."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from hub import roles
from hub.services import notify

from ..models import (
    ArticlePage,
    ReviewReminder,
    WikiCategoryPage,
)
from .activity import site_path


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
            kind="wiki.review_due",
            verb=_("is due for review (you are its expert)"),
            target_label=page.title,
            target_url=site_path(page),
        )
        sent += 1
    return sent
