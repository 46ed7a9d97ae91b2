"""What a mailing is made of. Few blocks, each rendered with inline styles that
mail clients keep (no stylesheet, no script)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Mail clients render a small subset of HTML: no headings inside rich text
# (the heading block has its own style), no embeds, no tables.
MAIL_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "campaigns/blocks/heading.html"
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=MAIL_RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "campaigns/blocks/paragraph.html"
        label = _("Paragraph")
        help_text = _(
            "You may write {first_name}, {last_name}, {company} or {city}: "
            "each recipient reads their own."
        )


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=60)
    url = blocks.URLBlock(label=_("link"))

    class Meta:
        icon = "link"
        template = "campaigns/blocks/button.html"
        label = _("Button")
        preview_value = {
            "text": "Demander un devis",
            "url": "https://example.fr/devis/",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(label=_("description for the blind"), max_length=200)

    class Meta:
        icon = "image"
        template = "campaigns/blocks/image.html"
        label = _("Image")


class MailBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    button = ButtonBlock()
    image = ImageBlock()
    divider = blocks.StaticBlock(
        template="campaigns/blocks/divider.html",
        admin_text=_("A thin line"),
        icon="horizontalrule",
        label=_("Divider"),
    )
