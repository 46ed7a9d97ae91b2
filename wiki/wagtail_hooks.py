"""Admin wiring of the wiki: snippets and their viewsets, registered once."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProductFact, Synonym, WikiCategoryPage
from .services import category_apply_review_policy
from .views import trash as trash_views
from .views.common import can_use_trash


class ProductFactViewSet(SnippetViewSet):
    model = ProductFact
    icon = "clipboard-list"
    menu_label = _("Product facts")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "reference", "updated_at"]
    search_fields = ["name", "reference"]
    ordering = ["name"]


register_snippet(ProductFactViewSet)


class SynonymViewSet(SnippetViewSet):
    """Words callers type → words the articles use (the answer engine reads
    them on its next question)."""

    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 211
    add_to_admin_menu = True
    list_display = ["term", "expansions", "two_way", "updated_at"]
    search_fields = ["term", "expansions"]
    ordering = ["term"]


register_snippet(SynonymViewSet)


@hooks.register("before_serve_page", order=-10)
def staff_only_pages(page, request, serve_args, serve_kwargs):
    """Runs before Wagtail's view-restriction check (order 0): see
    StaffOnlyPageMixin for why."""
    check = getattr(page, "check_staff_access", None)
    return check(request) if check else None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def apply_category_review_policy(request, page):
    if isinstance(page.specific, WikiCategoryPage):
        category_apply_review_policy(category=page.specific)


@hooks.register("register_admin_menu_item")
def wiki_reports_menu_item():
    return MenuItem(
        _("Wiki dashboard"),
        reverse("wiki:reports"),
        icon_name="doc-full-inverse",
        order=205,
    )


@hooks.register("before_delete_page")
def delete_to_trash(request, page):
    """Deleting a wiki or Webschool page moves it to the wiki trash
    (wiki.trash explains why); on GET this shows our confirmation instead."""
    return trash_views.admin_delete(request, page)


@hooks.register("before_edit_page")
@hooks.register("before_move_page")
@hooks.register("before_copy_page")
def trashed_pages_stay_put(request, page, *args):
    return trash_views.admin_guard_trashed(request, page)


@hooks.register("before_bulk_action")
def bulk_delete_to_trash(request, action_type, objects, action):
    return trash_views.admin_bulk_delete(request, action_type, objects, action)


class TrashMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_trash(request.user)


@hooks.register("register_admin_menu_item")
def wiki_trash_menu_item():
    return TrashMenuItem(
        _("Wiki trash"), reverse("wiki:trash"), icon_name="bin", order=206
    )
