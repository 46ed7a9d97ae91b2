"""Who is concerned by a page: its category's editors, a task's reviewers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission, Page

WRITE_CODENAMES = ("add_page", "change_page", "publish_page")


def category_editors(category: Page | None):
    """Active users whose groups may write in `category` (a grant on it or on any
    ancestor, as Wagtail's page permissions inherit); the whole wiki's writers
    when no category is known."""
    if category is None:
        from ..models import WikiIndexPage

        category = WikiIndexPage.objects.first()
        if category is None:
            return get_user_model().objects.none()
    ancestor_paths = [
        category.path[:position]
        for position in range(Page.steplen, len(category.path) + 1, Page.steplen)
    ]
    groups = GroupPagePermission.objects.filter(
        page__path__in=ancestor_paths, permission__codename__in=WRITE_CODENAMES
    ).values("group")
    return (
        get_user_model()
        .objects.filter(groups__in=groups, is_active=True)
        .distinct()
        .order_by("pk")
    )


def task_reviewers(task_state, *, exclude=None):
    """Members of the groups a group approval task waits on."""
    groups = getattr(task_state.task.specific, "groups", None)
    if groups is None:
        return get_user_model().objects.none()
    users = get_user_model().objects.filter(groups__in=groups.all(), is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.distinct()
