from django.db import models
from django.utils.translation import gettext_lazy as _


class PageStatDay(models.Model):
    """Counters of one microsite page on one day, counted without cookies nor
    fingerprints (microsites.services.stats): page views, visits (views that
    arrived from outside the site: a landing) and quote requests that reached
    their thank-you page. Nothing identifies a visitor; a row is only numbers."""

    day = models.DateField(db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    views = models.PositiveIntegerField(default=0)
    visits = models.PositiveIntegerField(default=0)
    quotes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page"], name="one_stat_per_page_day"
            )
        ]
        indexes = [models.Index(fields=["site", "day"])]
        verbose_name = _("page statistics (day)")

    def __str__(self):
        return (
            f"{self.day} page {self.page_id}: {self.views}/{self.visits}/{self.quotes}"
        )
