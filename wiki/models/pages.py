"""The encyclopedia's page tree: /wiki/ → categories → articles.

Categories are pages so that Wagtail's per-subtree machinery applies to them:
a category that requires review carries the "Relecture wiki" workflow, one that
publishes directly grants Editors the publish permission instead
(`wiki.services.category_apply_review_policy`).
"""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import links, stemming
from ..blocks import ArticleBodyBlock
from ..forms_admin import ArticlePageForm
from .mixins import StaffOnlyPageMixin

TAG_RE = re.compile(r"<[^>]*>")

# Django routes under /wiki/ (wiki/urls.py) that a category slug must not shadow.
RESERVED_SLUGS = frozenset(
    {
        "search",
        "recent",
        "create",
        "reports",
        "watch",
        "feedback",
        "webschool",
        "trash",
        "demand",  # the editors' demand queue (demand app, /wiki/demand/)
    }
)


class WikiIndexPage(StaffOnlyPageMixin, Page):
    """The encyclopedia home (/wiki/): categories, recent changes, most consulted,
    articles due for review."""

    intro = models.TextField(_("introduction"), blank=True, default="")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["hub.HubHomePage"]
    subpage_types = ["wiki.WikiCategoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("wiki home")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import wiki_home_data

        context = super().get_context(request, *args, **kwargs)
        context.update(wiki_home_data(index=self, user=request.user))
        return context


class WikiCategoryPage(StaffOnlyPageMixin, Page):
    description = models.TextField(_("description"), blank=True, default="")
    requires_review = models.BooleanField(
        _("changes by editors require review"),
        default=True,
        help_text=_(
            "On: editors submit their changes to the “Relecture wiki” workflow. "
            "Off: editors publish directly."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("requires_review"),
    ]
    parent_page_types = ["wiki.WikiIndexPage"]
    subpage_types = ["wiki.ArticlePage"]

    class Meta:
        verbose_name = _("wiki category")
        verbose_name_plural = _("wiki categories")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved by the wiki.")})

    def get_context(self, request, *args, **kwargs):
        from ..selectors import category_articles

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = category_articles(category=self)
        return context


def plain_text(parts: list[str]) -> str:
    """Text pieces of blocks (rich text included) as plain text."""
    # A regex, not Django's strip_tags (an HTML parser, slow on long bodies):
    # this text is only indexed or escaped again before display.
    text = html.unescape(TAG_RE.sub(" ", " ".join(p for p in parts if p)))
    # [[Title|label]] reads as "label", [[Title]] as "Title"
    return links.LINK_RE.sub(lambda m: m.group(2) or m.group(1), text)


def block_texts(block_type: str, value) -> list[str]:
    """The words of one body block. A product fact gives its public fields
    only (name, summary, specifications): internal notes, cost and supplier
    are never indexed, so no search result, staff or public, can quote them."""
    if block_type == "paragraph":
        return [value.source]
    if block_type == "heading":
        return [value["text"]]
    if block_type == "callout":
        return [value["title"], value["text"]]
    if block_type == "spec_table":
        rows = (value["table"] or {}).get("data") or []
        return [value["caption"]] + [str(cell) for row in rows for cell in row if cell]
    if block_type == "product_fact" and value["fact"] is not None:
        fact = value["fact"]
        specs = [f"{r['label']} {r['value']} {r['unit']}" for r in fact.spec_rows()]
        return [fact.name, fact.summary, *specs]
    if block_type in {"figure", "video"}:
        return [value["caption"]]
    return []


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(StaffOnlyPageMixin, Page):
    """An encyclopedia article: who owns it, when it was last reviewed, when it
    must be reviewed again, and a StreamField body with [[wiki links]]."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences: the answer to give on the phone."),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wiki_articles",
        verbose_name=_("responsible expert"),
    )
    last_reviewed = models.DateField(_("last reviewed on"), null=True, blank=True)
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("After this date the article is flagged as due for review."),
    )
    change_note = models.CharField(
        _("summary of this change"),
        max_length=255,
        blank=True,
        default="",
        help_text=_("Shown in recent changes and history."),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    answer_customers = models.BooleanField(
        _("answer customers with this article"),
        default=False,
        help_text=_(
            "On: the question box of the websites may quote this article's "
            "sections (a heading can exclude its section). Product facts show "
            "their public fields only; internal notes, costs and suppliers never."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("change_note"),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                FieldPanel("expert"),
                FieldPanel("last_reviewed"),
                FieldPanel("review_by"),
                FieldPanel("tags"),
            ],
            heading=_("Trust"),
        ),
        FieldPanel("answer_customers"),
    ]
    parent_page_types = ["wiki.WikiCategoryPage"]
    subpage_types: list = []
    base_form_class = ArticlePageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_stems"),
        index.AutocompleteField("search_stems"),
        index.FilterField("review_by"),
    ]

    class Meta:
        verbose_name = _("wiki article")
        verbose_name_plural = _("wiki articles")

    # -- derived values (no writes) -------------------------------------------

    def body_text(self) -> str:
        """Plain text of the body (search snippets and stems), facts and tables
        included so "poteau galvanisé" also finds what a product fact says."""
        parts = []
        for block in self.body:
            parts.extend(block_texts(block.block_type, block.value))
        return plain_text(parts)

    def search_stems(self) -> str:
        return stemming.stemmed_text(f"{self.title} {self.summary} {self.body_text()}")

    @cached_property
    def is_due_for_review(self) -> bool:
        return bool(self.review_by and self.review_by < timezone.localdate())

    def table_of_contents(self) -> list[dict]:
        """Headings with unique anchors, in order (block id -> anchor)."""
        toc, used = [], set()
        for block in self.body:
            if block.block_type != "heading":
                continue
            base = slugify(block.value["text"]) or "section"
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            toc.append(
                {
                    "id": block.id,
                    "anchor": anchor,
                    "text": block.value["text"],
                    "level": block.value["level"],
                }
            )
        return toc

    # -- validation ------------------------------------------------------------

    def clean(self):
        super().clean()
        # Resolved here, before Wagtail serializes the revision, so both the admin
        # editor and wiki.services go through it and the links travel with the
        # revision (and into the reference index when it is published).
        links.sync_article_links(self)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(page=self, user=request.user, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        from ..services import article_view_record

        response = super().serve(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            article_view_record(page=self)
        return response


class WikiLink(Orderable):
    """A [[link]] found in an article: title as typed, target if it exists."""

    source = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="wiki_links"
    )
    title = models.CharField(_("linked title"), max_length=255)
    key = models.CharField(max_length=255, db_index=True, editable=False)
    target = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("wiki link")

    def __str__(self):
        return self.title
