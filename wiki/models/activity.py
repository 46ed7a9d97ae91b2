"""What people do with the wiki: watches, views, feedback, searches."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Watch(models.Model):
    """A user follows an article or a whole category (a page and its subtree)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_watches"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_watches"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="wiki_watch_unique")
        ]
        verbose_name = _("watch")

    def __str__(self):
        return f"{self.user} → {self.page_id}"


class ArticleStat(models.Model):
    """View counter kept off the page row, so publishing a revision never resets it."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="wiki_stat",
    )
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.page_id}: {self.views}"


class ArticleFeedback(models.Model):
    """ "Did this answer your question?" — one answer per user and article."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"], name="wiki_feedback_one_per_user"
            )
        ]
        verbose_name = _("article feedback")

    def __str__(self):
        return f"{self.page_id} {'+' if self.helpful else '-'}"


class SearchLog(models.Model):
    """Every wiki search: what was asked, how many answers, by whom."""

    query = models.CharField(_("query"), max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    hits = models.PositiveIntegerField(_("results"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log")

    def __str__(self):
        return f"{self.query} ({self.hits})"


class ReviewReminder(models.Model):
    """Remembers that an article's expert was told it is due, once per review_by."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    review_by = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_by"], name="wiki_review_reminder_unique"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.review_by}"


class ArticleRequest(models.Model):
    """A reader asked for an article that does not exist yet (a red link they may
    not write): the category's editors are told once; later askers are counted.
    Deleted when an article of that title is published (the askers are told)."""

    key = models.CharField(max_length=255, unique=True)
    title = models.CharField(_("title"), max_length=255)
    category = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requesters = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_requested_at"]
        verbose_name = _("article request")

    def __str__(self):
        return self.title
