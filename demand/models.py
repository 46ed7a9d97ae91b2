"""The demand queue: items (one per need, under a normalised key) and the
signals that made them (each search, vote, customer question or red link)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SEARCH = "search", _("Search without result")
    NOT_HELPFUL = "not_helpful", _("“Not helpful” vote")
    CUSTOMER = "customer", _("Customer question")
    WANTED = "wanted", _("Red link or request")


class DemandItem(models.Model):
    """One thing people could not find. `key` groups the ways it is asked
    ("q:delai livraison"), or names an article voted unhelpful ("page:42").
    Counts per source and `heat` (frequency with a 14-day half-life, in log
    form so the database sorts it) are kept up to date by the services; the
    signals behind them are `DemandSignal` rows."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        DISMISSED = "dismissed", _("Dismissed")

    class Closed(models.TextChoices):
        AUTO = "auto", _("An article now answers it")
        TITLE = "title", _("An article of that title exists")
        REVISED = "revised", _("The article was revised")
        ARTICLE = "article", _("Marked answered by an article")
        WRITTEN = "written", _("The article written for it was published")
        SYNONYM = "synonym", _("A synonym made it findable")
        DISMISSED = "dismissed", _("Dismissed")

    key = models.CharField(max_length=210, unique=True)
    label = models.CharField(_("question"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The article voted unhelpful (items keyed by page).",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    searches = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)
    customers = models.PositiveIntegerField(default=0)
    wanted = models.PositiveIntegerField(default=0)
    heat = models.FloatField(default=0.0, db_index=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_how = models.CharField(
        max_length=10, choices=Closed.choices, blank=True, default=""
    )
    answered_by = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_note = models.CharField(max_length=255, blank=True, default="")
    draft = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article drafted from this item (closes it when published).",
    )

    class Meta:
        ordering = ["-heat", "-last_seen_at"]
        indexes = [models.Index(fields=["status", "-heat"], name="demand_queue")]
        verbose_name = _("demand item")

    def __str__(self):
        return self.label

    @property
    def total(self) -> int:
        return self.searches + self.not_helpful + self.customers + self.wanted

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class DemandSignal(models.Model):
    """One time someone could not find it. `ref` names the row it comes from
    ("search:812", "answer-feedback:5", "customer-question:31",
    "red-link:42:<title key>"), so feeding the same event twice counts once."""

    item = models.ForeignKey(
        DemandItem, on_delete=models.CASCADE, related_name="signals"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    ref = models.CharField(max_length=255)
    text = models.CharField(max_length=255)
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article or passage voted unhelpful.",
    )
    anchor = models.CharField(max_length=140, blank=True, default="")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "ref"], name="demand_signal_once")
        ]
        verbose_name = _("demand signal")

    def __str__(self):
        return f"{self.source}: {self.text}"


class CustomerQuestion(models.Model):
    """A question typed in a microsite's question box, and what it got: the
    passage shown (article id and heading anchor, never its text: that stays
    the wiki's), whether the customer said it answered, and whether they asked
    an expert to call back (the lead it became)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("question"), max_length=200)
    asked_on = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The microsite page whose question box was used.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article of the passage shown.",
    )
    anchor = models.CharField(max_length=140, blank=True, default="")
    score = models.FloatField(null=True, blank=True)
    answered = models.BooleanField(default=False)
    helpful = models.BooleanField(null=True, blank=True)
    lead_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("customer question")

    def __str__(self):
        return self.text
