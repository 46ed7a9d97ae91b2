"""What the answer engine stores: article sections as passages (with their
vectors), editable synonyms, and "Est-ce la réponse ?" votes.

Passages are a derived index of published articles (rebuilt on publish by
`wiki.answers.indexing`), like Wagtail's search index: never edited by hand.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ArticlePassage(models.Model):
    """One section of a published article: the summary (anchor "") or the text
    under one heading. `public` says whether customers may be answered with it
    (the article's "answer customers" flag, or the heading's own override);
    `vector` is its embedding (float32 bytes), empty until the background task
    has computed it, `embedder` names the model that did."""

    page = models.ForeignKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="passages"
    )
    position = models.PositiveSmallIntegerField()
    anchor = models.CharField(max_length=140, blank=True, default="")
    heading = models.CharField(max_length=255)
    text = models.TextField()
    public = models.BooleanField(default=False)
    digest = models.CharField(max_length=64)  # of what is embedded
    vector = models.BinaryField(null=True, blank=True)
    embedder = models.CharField(max_length=120, blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["page_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "anchor"], name="wiki_passage_anchor_unique"
            )
        ]
        verbose_name = _("article passage")

    def __str__(self):
        return f"{self.page_id}#{self.anchor}"


class Synonym(models.Model):
    """A word people use, and the words the articles use for it ("galva" →
    "galvanisé"). Editors keep the list in the admin (a snippet); the search
    looks for the expansions too, and for the word when `two_way`."""

    term = models.CharField(
        _("word people type"),
        max_length=80,
        unique=True,
        help_text=_("For example: galva, brise-vue, portail auto."),
    )
    expansions = models.CharField(
        _("words the articles use"),
        max_length=255,
        help_text=_("Comma-separated, for example: galvanisé, galvanisation."),
    )
    two_way = models.BooleanField(
        _("both ways"),
        default=False,
        help_text=_("Also look for the word when someone types one of these."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("expansions"), FieldPanel("two_way")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return f"{self.term} → {self.expansions}"

    def expansion_list(self) -> list[str]:
        return [w.strip() for w in self.expansions.split(",") if w.strip()]

    def clean(self):
        super().clean()
        self.term = " ".join(self.term.split())
        if not self.expansion_list():
            raise ValidationError({"expansions": _("Give at least one word.")})


class AnswerFeedback(models.Model):
    """ "Est-ce la réponse ?" for one question and one passage (article +
    heading anchor). Staff votes are one per user, question and passage (a
    second vote replaces the first); customer votes are anonymous rows."""

    SOURCES = [("staff", _("staff")), ("customer", _("customer"))]

    query = models.CharField(_("question"), max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    page = models.ForeignKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="answer_feedback"
    )
    anchor = models.CharField(max_length=140, blank=True, default="")
    helpful = models.BooleanField(_("helpful"))
    source = models.CharField(max_length=10, choices=SOURCES, default="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "anchor"], name="wiki_answer_passage")]
        verbose_name = _("answer feedback")

    def __str__(self):
        vote = "+" if self.helpful else "-"
        return f"{self.query} → {self.page_id}#{self.anchor} {vote}"
