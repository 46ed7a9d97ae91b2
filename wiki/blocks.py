"""StreamField blocks of the wiki (article body) and the shared product-fact block.

`ProductFactBlock` shows every field of a fact (staff pages);
`PublicProductFactBlock` is the one public pages (microsites) embed: its template
only reads `public`, built by `wiki.selectors.product_fact_public_data`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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
        from .selectors import product_fact_public_data

        context = super().get_context(value, parent_context=parent_context)
        context["public"] = product_fact_public_data(value.get("fact"))
        return context


class PublicProductFactBlock(ProductFactBlock):
    """For public pages: renders the public fields only."""

    class Meta:
        template = "wiki/blocks/product_fact_public.html"


RICH_TEXT_FEATURES = ["h4", "bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the article renders it with an anchor and lists it in
    the table of contents (see ArticlePage.table_of_contents)."""

    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )
    # Which readers the answer engine may quote this section to; the article's
    # "answer customers" switch decides when left empty.
    audience = blocks.ChoiceBlock(
        label=_("answers customers"),
        choices=[
            ("public", _("Yes, customers too")),
            ("staff", _("No, staff only")),
        ],
        required=False,
        help_text=_("Empty: as the article says (“answer customers”)."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wiki/blocks/heading.html"
        preview_value = {"text": "Hauteurs disponibles", "level": "h2"}
        description = _("Starts a section; listed in the table of contents.")


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text where [[Title]] and [[Title|label]] become wiki links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "wiki/blocks/paragraph.html"
        preview_value = "<p>Le [[Panneau rigide]] se pose sur des poteaux.</p>"
        description = _("Text; write [[Article title]] to link an article.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("info", _("Good to know")),
            ("warning", _("Warning")),
            ("tip", _("Tip for the phone")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "wiki/blocks/callout.html"
        preview_value = {"kind": "info", "title": "À savoir", "text": "Texte."}
        description = _("A highlighted box: good to know, warning, tip.")


class SpecTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("caption"), max_length=150)
    table = TableBlock(label=_("table"))

    class Meta:
        icon = "table"
        label = _("Specifications table")
        template = "wiki/blocks/spec_table.html"
        description = _("A table of specifications with a caption.")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=200,
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wiki/blocks/figure.html"
        description = _("An image with a caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), max_width=800)
    caption = blocks.CharBlock(label=_("caption"), max_length=200, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "wiki/blocks/video.html"
        description = _("An embedded video (YouTube, Vimeo).")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), max_length=150, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "wiki/blocks/document.html"
        description = _("A downloadable document (data sheet, installation guide).")


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    spec_table = SpecTableBlock()
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    product_fact = ProductFactBlock()
