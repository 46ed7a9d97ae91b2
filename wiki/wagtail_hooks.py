"""Admin wiring of the wiki: snippets and their viewsets, registered once."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProductFact


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
