"""StreamField blocks of the wiki (article body) and the shared product-fact block.

`ProductFactBlock` shows every field of a fact (staff pages);
`PublicProductFactBlock` is the one public pages (microsites) embed: its template
only reads `public`, built by `wiki.selectors.product_fact_public_data`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .selectors import product_fact_public_data


class ProductFactBlock(blocks.StructBlock):
    fact = SnippetChooserBlock("wiki.ProductFact", label=_("product fact"))
    show_image = blocks.BooleanBlock(
        label=_("show the image"), required=False, default=True
    )

    class Meta:
        icon = "clipboard-list"
        label = _("Product fact")
        template = "wiki/blocks/product_fact.html"
        description = _("Specifications kept once, shown everywhere.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["public"] = product_fact_public_data(value.get("fact"))
        return context


class PublicProductFactBlock(ProductFactBlock):
    """For public pages: renders the public fields only."""

    class Meta:
        template = "wiki/blocks/product_fact_public.html"
