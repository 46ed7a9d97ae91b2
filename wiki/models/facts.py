"""Product facts: one source of truth for a product's specifications.

A fact is a Wagtail snippet. Wiki articles show it whole (internal notes and cost
included, staff only); microsite pages embed it through
`wiki.blocks.PublicProductFactBlock`, whose template reads only
`wiki.selectors.product_fact_public_data()`. Wagtail's reference index records
every StreamField that embeds a fact, so the snippet's "Usage" view answers
"where is this fact shown?".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index


class SpecRowBlock(blocks.StructBlock):
    """One public specification row: label, value and optional unit."""

    label = blocks.CharBlock(label=_("label"), max_length=80)
    value = blocks.CharBlock(label=_("value"), max_length=120)
    unit = blocks.CharBlock(label=_("unit"), max_length=20, required=False)

    class Meta:
        icon = "list-ul"
        label = _("Specification")


class ProductFact(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    reference = models.CharField(
        _("reference (SKU)"),
        max_length=60,
        unique=True,
        help_text=_("Catalogue reference, unique."),
    )
    summary = models.CharField(
        _("public summary"), max_length=255, blank=True, default=""
    )
    specs = StreamField(
        [("spec", SpecRowBlock())],
        blank=True,
        verbose_name=_("public specifications"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        default="",
        help_text=_("Staff only: never shown on public pages."),
    )
    unit_cost = models.DecimalField(
        _("unit cost (EUR, internal)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Staff only: never shown on public pages."),
    )
    supplier = models.CharField(
        _("supplier (internal)"), max_length=120, blank=True, default=""
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("reference"),
                FieldPanel("summary"),
                FieldPanel("image"),
                FieldPanel("specs"),
            ],
            heading=_("Public (shown on websites)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("internal_notes"),
                FieldPanel("unit_cost"),
                FieldPanel("supplier"),
            ],
            heading=_("Internal (staff only)"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("reference"),
        index.FilterField("reference"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("product fact")
        verbose_name_plural = _("product facts")

    def __str__(self):
        return f"{self.name} ({self.reference})"

    def spec_rows(self) -> list[dict]:
        return [
            {
                "label": row.value["label"],
                "value": row.value["value"],
                "unit": row.value["unit"],
            }
            for row in self.specs
        ]
