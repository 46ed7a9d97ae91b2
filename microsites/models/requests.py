from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactRequest(models.Model):
    """One sent quote form, known by the key the form carried when it was shown:
    a double click or a refresh sends the same key, so it is the same request
    (processed once; the visitor lands on the same thank-you page)."""

    key = models.CharField(max_length=32, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    submission = models.ForeignKey(
        "wagtailforms.FormSubmission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_id = models.PositiveIntegerField(null=True, blank=True)
    lead_created = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When its thank-you page was first shown: the conversion, counted once.
    converted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")

    def __str__(self):
        return self.key
