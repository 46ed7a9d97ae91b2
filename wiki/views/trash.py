"""The wiki trash: the list (Editors, Managers), restore, delete for good
(superusers), and the Wagtail admin delete flow that sends pages here.

Thin views: `wiki.trash` does the writes, `wiki.selectors` the reads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin import messages as admin_messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .. import selectors, trash
from ..models import WikiTrashPage
from .common import superuser_required, trash_user_required

PURGE_DAYS = 30


def _error(request, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect("wiki:trash")


@trash_user_required
@require_GET
def trash_list(request):
    return TemplateResponse(
        request,
        "wiki/trash.html",
        {
            "entries": selectors.trash_entries(),
            "can_purge": request.user.is_superuser,
            "purge_days": PURGE_DAYS,
        },
    )


@trash_user_required
@require_POST
def restore(request, page_id: int):
    try:
        result = trash.article_restore(
            page=Page.objects.filter(pk=page_id).first(), user=request.user
        )
    except ValidationError as error:
        return _error(request, error)
    values = {"title": result.page.title, "parent": result.parent.title}
    if not result.original_place:
        text = _(
            "“%(title)s” is restored as a draft under “%(parent)s”: its category "
            "no longer exists, move it to one before publishing."
        )
    elif result.republished:
        text = _("“%(title)s” is restored in “%(parent)s” and published again.")
    else:
        text = _("“%(title)s” is restored in “%(parent)s” (a draft, as it was).")
    if result.slug_changed:
        text += " " + _("Its address changed: another page took the old one.")
    messages.success(request, text % values)
    return redirect("wiki:trash")


@superuser_required
@require_http_methods(["GET", "POST"])
def purge(request, page_id: int):
    entry = selectors.trash_entry(page_id=page_id)
    if entry is None:
        return _error(request, ValidationError(_("This page is not in the trash.")))
    if request.method == "GET":
        page = entry.page
        return TemplateResponse(
            request,
            "wiki/trash_purge.html",
            {"entry": entry, "descendants": page.get_descendant_count()},
        )
    title = entry.page.title
    try:
        count = trash.article_purge(page=entry.page, user=request.user)
    except ValidationError as error:
        return _error(request, error)
    under = count - 1
    text = (
        ngettext(
            "“%(title)s” and the page under it are deleted for good.",
            "“%(title)s” and the %(count)d pages under it are deleted for good.",
            under,
        )
        if under
        else _("“%(title)s” is deleted for good.")
    )
    messages.success(request, text % {"title": title, "count": under})
    return redirect("wiki:trash")


# -- the Wagtail admin's delete view (a before_delete_page hook) -----------------


def admin_delete(request, page):
    """Wagtail's delete view, for wiki pages: move to the trash instead.

    Returns a response (the hook's way to take over) or None to let Wagtail
    delete a page that holds no wiki page."""
    page = page.specific
    if isinstance(page, WikiTrashPage):
        admin_messages.error(
            request,
            _("The trash cannot be deleted; delete its pages from the wiki trash."),
        )
        return redirect("wagtailadmin_explore", page.pk)
    if trash.in_trash(page):
        # Deleting from the trash is the wiki trash's own confirmed, audited
        # action, for the whole trashed page.
        entry = selectors.trash_entry(page_id=page.pk)
        if entry is not None:
            return redirect("wiki:trash_purge", page.pk)
        admin_messages.error(request, _("Restore or delete the whole trashed page."))
        return redirect("wiki:trash")
    if not trash.is_trashable(page):
        if trash.holds_trashable_pages(page):
            admin_messages.error(
                request,
                _(
                    "This page holds wiki or Webschool pages: move them to the "
                    "trash first."
                ),
            )
            return redirect("wagtailadmin_explore", page.pk)
        return None
    parent = page.get_parent()
    next_url = get_valid_next_url_from_request(request)
    if request.method == "POST":
        try:
            trash.article_trash(page=page, user=request.user)
        except ValidationError as error:
            admin_messages.error(request, " ".join(error.messages))
        else:
            admin_messages.success(
                request,
                _("“%(title)s” is in the wiki trash; it can be restored from there.")
                % {"title": page.title},
                buttons=[
                    admin_messages.button(reverse("wiki:trash"), _("Open the trash")),
                ],
            )
        return redirect(next_url or reverse("wagtailadmin_explore", args=[parent.pk]))
    return TemplateResponse(
        request,
        "wiki/admin/confirm_trash.html",
        {
            "page": page,
            "descendant_count": page.get_descendant_count(),
            "next": next_url,
            "cancel_url": next_url or reverse("wagtailadmin_explore", args=[parent.pk]),
        },
    )


def admin_guard_trashed(request, page):
    """Edit, move and copy in the admin stop at the trash: a page published,
    moved out or copied from there would escape the trash's bookkeeping."""
    if not trash.in_trash(page):
        return None
    admin_messages.error(
        request, _("This page is in the wiki trash: restore it first.")
    )
    return redirect("wiki:trash")


def admin_bulk_delete(request, action_type, objects, action):
    """Wagtail's bulk delete, for wiki pages: all go to the trash, or none.
    Other bulk actions (publish, move…) skip nothing silently: they stop when a
    selected page is in the trash."""
    if not objects or not isinstance(objects[0], Page):
        return None
    if action_type != "delete":
        if any(trash.in_trash(page) for page in objects):
            admin_messages.error(
                request, _("This page is in the wiki trash: restore it first.")
            )
            return redirect(action.next_url)
        return None
    pages = [page.specific for page in objects]
    trashable = [page for page in pages if trash.is_trashable(page)]
    if not trashable and not any(
        trash.in_trash(p) or trash.holds_trashable_pages(p) for p in pages
    ):
        return None
    if len(trashable) != len(pages) or any(trash.in_trash(p) for p in pages):
        admin_messages.error(
            request,
            _(
                "Wiki and Webschool pages go to the trash: delete them apart from "
                "other pages, and delete trashed pages from the wiki trash."
            ),
        )
        return redirect(action.next_url)
    for page in trashable:
        trash.article_trash(page=page, user=request.user)
    admin_messages.success(
        request,
        ngettext(
            "%(count)d page is in the wiki trash.",
            "%(count)d pages are in the wiki trash.",
            len(trashable),
        )
        % {"count": len(trashable)},
        buttons=[admin_messages.button(reverse("wiki:trash"), _("Open the trash"))],
    )
    return redirect(action.next_url)
