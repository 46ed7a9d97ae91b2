"""StreamField blocks of the microsites: small StructBlocks composed into the
StreamBlocks each page type uses. Product specifications are not typed here: they
are embedded by reference with `wiki.blocks.PublicProductFactBlock`, so a fact kept
once in the wiki shows its public fields on every site."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from wiki.blocks import PublicProductFactBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "microsites/blocks/heading.html"
        preview_value = {"text": "Nos portails sur mesure"}
        description = _("A section title.")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "microsites/blocks/image.html"
        description = _("An image with an optional caption.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("target page"))
    button = blocks.CharBlock(label=_("button label"), max_length=40)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "microsites/blocks/call_to_action.html"
        preview_value = {
            "title": "Un projet ?",
            "text": "Devis gratuit sous 48 heures.",
            "button": "Demander un devis",
        }
        description = _("A highlighted box with a button to another page.")


class FeatureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "tick-inverse"
        label = _("Feature")


class FeatureListBlock(blocks.StructBlock):
    features = blocks.ListBlock(FeatureBlock(), label=_("features"))

    class Meta:
        icon = "list-ul"
        label = _("Feature list")
        template = "microsites/blocks/feature_list.html"
        preview_value = {
            "features": [
                {"title": "Fabrication française", "text": "Atelier en Gironde."},
                {"title": "Pose comprise", "text": "Par nos équipes."},
            ]
        }
        description = _("Short selling points, side by side.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    author = blocks.CharBlock(label=_("author"), max_length=120, required=False)
    city = blocks.CharBlock(
        label=_("city"),
        max_length=80,
        required=False,
        help_text=_("Where the customer lives: a named, local testimonial."),
    )

    class Meta:
        icon = "openquote"
        label = _("Testimonial")
        template = "microsites/blocks/quote.html"
        preview_value = {
            "text": "Pose impeccable, délai tenu.",
            "author": "Claire Roux",
            "city": "Pessac",
        }
        description = _("A customer's words.")


class GalleryBlock(blocks.StructBlock):
    """Photos of a product side by side (responsive, lazily loaded)."""

    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    images = blocks.ListBlock(ImageWithCaptionBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "microsites/blocks/gallery.html"
        description = _("Several photos of a product, in a grid.")


class ProjectBlock(blocks.StructBlock):
    """One of "nos réalisations": what was made, where, when, with a photo."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    city = blocks.CharBlock(label=_("city"), max_length=80)
    year = blocks.IntegerBlock(
        label=_("year"), min_value=1950, max_value=2100, required=False
    )
    image = ImageBlock(label=_("image"))
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "home"
        label = _("Project")
        template = "microsites/blocks/project.html"
        description = _("A finished job with its city and a photo.")


class ProjectListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    projects = blocks.ListBlock(ProjectBlock(), label=_("projects"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Projects")
        template = "microsites/blocks/project_list.html"
        description = _("Finished jobs, as cards with their city.")


class FaqItemBlock(blocks.StructBlock):
    """A question as customers ask it, answered by a public passage of the wiki."""

    question = blocks.CharBlock(
        label=_("question"),
        max_length=200,
        help_text=_("In the customer's words, e.g. “Mon portail frotte par terre ?”"),
    )
    article = blocks.PageChooserBlock(
        label=_("answering article"), page_type="wiki.ArticlePage"
    )
    section = blocks.CharBlock(
        label=_("section"),
        max_length=255,
        required=False,
        help_text=_(
            "The heading of the section that answers; empty: the article's summary."
        ),
    )

    def clean(self, value):
        from .faq import section_problem

        value = super().clean(value)
        problem = section_problem(value.get("article"), value.get("section") or "")
        if problem:
            field = "section" if value.get("section") else "article"
            raise StructBlockValidationError(
                block_errors={field: ValidationError(problem)}
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    """Frequently asked questions, answered from the encyclopédie (and given to
    search engines as FAQPage)."""

    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"), min_num=1)

    def get_context(self, value, parent_context=None):
        from .faq import block_entries

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["entries"] = block_entries(value, page)
        return context

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "microsites/blocks/faq.html"
        description = _("Customers' questions answered by public sections of the wiki.")


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul"],
        template="microsites/blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock()
    features = FeatureListBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    gallery = GalleryBlock()
    projects = ProjectListBlock()
    faq = FaqBlock()


class ProductStreamBlock(ContentStreamBlock):
    product_fact = PublicProductFactBlock()
