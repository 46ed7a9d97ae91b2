"""Writes of the wiki trash: move to the trash, restore, delete for good.

Why moving under a holder page rather than flagging rows: see
`wiki.models.trash`. Every step here goes through Wagtail's own actions
(unpublish, move, publish a revision, delete), so the page tree, the log
entries, the reference index and the search index stay what Wagtail expects.

Restore puts the page back under its original parent, with its original slug
(or the first free `slug-2`, `slug-3`… if a new page took it meanwhile), and
publishes again the revision of each page that was live when it was trashed:
the article comes back *as it was*, drafts stay drafts, unpublished changes stay
pending. If the original parent no longer exists (deleted for good), the page
comes back under the wiki (or Webschool) home *as a draft*, for an editor to
move it to a category before publishing. If the original parent is itself in
the trash, restore refuses and says to restore that parent first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, Revision, WorkflowState

from hub.services import audit_log

from .models import (
    ArticlePage,
    CoursePage,
    LessonPage,
    TrashEntry,
    WebschoolIndexPage,
    WikiCategoryPage,
    WikiIndexPage,
    WikiTrashPage,
)

TRASHABLE = (ArticlePage, WikiCategoryPage, CoursePage, LessonPage)
WEBSCHOOL = (CoursePage, LessonPage)


@dataclass
class RestoreResult:
    page: Page
    parent: Page
    republished: int
    original_place: bool
    slug_changed: bool


def is_trashable(page: Page) -> bool:
    return issubclass(page.specific_class or type(page), TRASHABLE)


def holds_trashable_pages(page: Page) -> bool:
    """Deleting this page would destroy wiki pages (the wiki home, the hub home)."""
    return Page.objects.descendant_of(page).type(*TRASHABLE).exists()


def trash_holder() -> WikiTrashPage:
    """The holder page, created under the tree root on first use."""
    holder = WikiTrashPage.objects.first()
    if holder is None:
        # Two first trashings at once must not make two holders: the root row
        # is locked while the second one looks again.
        root = Page.objects.select_for_update().get(pk=Page.get_first_root_node().pk)
        holder = WikiTrashPage.objects.first()
        if holder is not None:
            return holder
        holder = WikiTrashPage(title=_("Wiki trash"), slug="wiki-trash", live=False)
        holder.slug = _free_slug(parent=root, slug=holder.slug)
        root.add_child(instance=holder)
    return holder


def in_trash(page: Page) -> bool:
    holder = WikiTrashPage.objects.first()
    return (
        holder is not None
        and page.path.startswith(holder.path)
        and page.pk != holder.pk
    )


def _free_slug(*, parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = slug[: 255 - len(suffix)] + suffix, n + 1
    return candidate


def _ids(pages) -> list[str]:
    return [str(pk) for pk in pages.values_list("pk", flat=True)]


def _stop_pending_publication(subtree, user) -> None:
    """Nothing may make a trashed page live again behind the trash's back: a
    workflow approval or a scheduled publication would publish it in the trash."""
    ids = _ids(subtree)
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.active().filter(
        base_content_type=page_type, object_id__in=ids
    )
    for state in states:
        state.cancel(user=user)
    Revision.objects.filter(base_content_type=page_type, object_id__in=ids).exclude(
        approved_go_live_at=None
    ).update(approved_go_live_at=None)


@transaction.atomic
def article_trash(*, page: Page, user) -> TrashEntry:
    """Unpublish the page and its subtree and move it to the trash."""
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    if not is_trashable(page):
        raise ValidationError(_("Only wiki and Webschool pages go to the trash."))
    if in_trash(page):
        raise ValidationError(
            _("“%(title)s” is already in the trash.") % {"title": page.title}
        )
    holder = trash_holder()
    parent = page.get_parent()
    subtree = page.get_descendants(inclusive=True)
    size = subtree.count()
    live = list(subtree.filter(live=True).order_by("-depth").specific())
    # An entry left behind by a page moved out of the trash by hand in the admin.
    TrashEntry.objects.filter(page=page).delete()
    for live_page in live:
        if live_page.live_revision_id is None:
            # Made live without a revision (seeding, `add_child`): its row is its
            # published content, kept as a revision for restore to publish.
            live_page.live_revision = live_page.save_revision(
                user=user, log_action=False, clean=False
            )
    entry = TrashEntry(
        page=page,
        trashed_by=user if getattr(user, "is_authenticated", False) else None,
        original_parent=parent,
        original_parent_title=parent.title[:255],
        original_url_path=page.url_path,
        original_slug=page.slug,
        live_revisions={str(p.pk): p.live_revision_id for p in live},
    )
    entry.full_clean()
    _stop_pending_publication(subtree, user)
    for live_page in live:  # children first: none stays live under a draft
        UnpublishPageAction(live_page, user=user).execute(skip_permission_checks=True)
    # Two categories may each hold an "installation" article: the trash keeps
    # slugs unique among its children, as Wagtail requires of siblings.
    Page.objects.filter(pk=page.pk).update(
        slug=_free_slug(parent=holder, slug=page.slug)
    )
    page = Page.objects.get(pk=page.pk)
    MovePageAction(page, holder, pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    entry.save()
    audit_log(
        actor=user,
        action="wiki.trash",
        target=page,
        changes={
            "from": entry.original_url_path,
            "pages": size,
            "unpublished": len(live),
        },
    )
    return entry


def _entry_for(page: Page | None) -> TrashEntry:
    entry = (
        TrashEntry.objects.select_for_update().filter(page_id=page.pk).first()
        if page is not None
        else None
    )
    if entry is None or not in_trash(entry.page):
        raise ValidationError(_("This page is not in the trash."))
    return entry


def _fallback_parent(page: Page) -> Page:
    home_type = WebschoolIndexPage if isinstance(page, WEBSCHOOL) else WikiIndexPage
    home = home_type.objects.first()
    if home is None:
        raise ValidationError(_("There is no wiki home to restore this page to."))
    return home


def _republish(entry: TrashEntry, root: Page, user) -> int:
    """Publish again the revisions that were live, parents before children."""
    pages = {
        str(p.pk): p
        for p in Page.objects.descendant_of(root, inclusive=True).filter(
            pk__in=[int(pk) for pk in entry.live_revisions]
        )
    }
    count = 0
    for page_id, page in sorted(pages.items(), key=lambda item: item[1].depth):
        revision = Revision.objects.filter(
            pk=entry.live_revisions[page_id], object_id=page_id
        ).first()
        if revision is None:
            continue
        if page.pk == root.pk and revision.content.get("slug") != root.slug:
            # The old slug was taken meanwhile: the page comes back under a
            # free one, which the published revision must carry too.
            restored = revision.as_object()
            restored.slug = root.slug
            revision = restored.save_revision(user=user, log_action=False)
        revision.publish(user=user, skip_permission_checks=True)
        count += 1
    return count


@transaction.atomic
def article_restore(*, page: Page | None, user) -> RestoreResult:
    """Move a trashed page back (see the module docstring for where and how)."""
    entry = _entry_for(page)
    page = Page.objects.select_for_update().get(pk=entry.page_id).specific
    parent = entry.original_parent
    if parent is not None and in_trash(parent):
        raise ValidationError(
            _("Its original place “%(title)s” is in the trash: restore it first.")
            % {"title": parent.title}
        )
    original_place = parent is not None
    if parent is None:
        parent = _fallback_parent(page)
    slug = _free_slug(parent=parent, slug=entry.original_slug)
    Page.objects.filter(pk=page.pk).update(slug=slug)
    page = Page.objects.get(pk=page.pk)
    MovePageAction(page, parent, pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    page = Page.objects.get(pk=page.pk)
    republished = _republish(entry, page, user) if original_place else 0
    result = RestoreResult(
        page=page.specific,
        parent=parent,
        republished=republished,
        original_place=original_place,
        slug_changed=slug != entry.original_slug,
    )
    audit_log(
        actor=user,
        action="wiki.restore",
        target=page,
        changes={
            "to": page.url_path,
            "republished": republished,
            "original_place": original_place,
        },
    )
    entry.delete()
    return result


@transaction.atomic
def article_purge(*, page: Page | None, user=None) -> int:
    """Delete a trashed page and its subtree for good (superusers; `user=None`
    is the purge command). Returns how many pages were deleted."""
    if user is not None and not user.is_superuser:
        raise PermissionDenied
    entry = _entry_for(page)
    page = Page.objects.get(pk=entry.page_id).specific
    count = page.get_descendant_count() + 1
    audit_log(
        actor=user,
        action="wiki.trash.purge",
        target=page,
        changes={
            "title": page.title,
            "pages": count,
            "from": entry.original_url_path,
            "trashed_at": entry.trashed_at.isoformat(),
        },
    )
    DeletePageAction(page, user=user).execute(skip_permission_checks=True)
    return count


def trash_purge_older_than(*, days: int, on_item=None) -> tuple[int, int]:
    """Delete for good what has been in the trash for more than `days` days;
    returns (items, pages). Each item is its own transaction: an error on one
    keeps those already purged and names the one that failed. `on_item(n, total,
    title, pages)` reports progress."""
    from django.utils import timezone

    from .selectors import trash_entries_older_than

    if days < 0:
        raise ValueError("days must be 0 or more")
    before = timezone.now() - timezone.timedelta(days=days)
    page_ids = list(
        trash_entries_older_than(before=before).values_list("page_id", flat=True)
    )
    pages = 0
    for n, page_id in enumerate(page_ids, start=1):
        entry = TrashEntry.objects.select_related("page").get(page_id=page_id)
        title = entry.page.title
        count = article_purge(page=entry.page, user=None)
        pages += count
        if on_item:
            on_item(n, len(page_ids), title, count)
    return len(page_ids), pages
