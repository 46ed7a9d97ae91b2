"""Mailings to customers: who may receive them (consent, suppressions), what
they say (a Wagtail StreamField with the site's branding), and one row per
recipient that is the send's ledger — the worker resumes from it after a crash
and never mails the same address twice in a campaign."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from .blocks import MailBlock


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Audience(models.Model):
    """A saved segment. `filters` keys: stages (stage keys), departments
    (postcode prefixes), regions, site_ids, product_lines, active_since /
    inactive_since (ISO dates of the lead's last activity), won_since (last
    order). Empty means "everyone with an address"."""

    name = models.CharField(_("name"), max_length=120)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


class Campaign(PreviewableMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")

    name = models.CharField(_("name"), max_length=160)
    # The utm_campaign of every link: how won revenue finds its campaign.
    slug = models.SlugField(_("campaign key"), max_length=80, unique=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent in the name of"),
        help_text=_("The site whose name, colours and logo the e-mail carries."),
    )
    audience = models.ForeignKey(
        Audience,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("audience"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_("Shown by mail clients after the subject."),
    )
    from_name = models.CharField(_("sender name"), max_length=120, blank=True)
    body = StreamField(MailBlock(), blank=True, verbose_name=_("body"))
    per_minute = models.PositiveIntegerField(
        _("messages per minute"),
        default=120,
        help_text=_("Throttle: mail providers distrust sudden floods."),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched after every message: a send that stops beating was interrupted.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/campaigns/{self.pk}/"

    # Wagtail's live preview in the snippet editor renders the mail itself.
    def get_preview_template(self, request, mode_name):
        return "campaigns/mail/message.html"

    def get_preview_context(self, request, mode_name):
        from .mail import preview_context

        return preview_context(self)


class Consent(models.Model):
    """What allows mailing one address. Company addresses may be mailed on
    legitimate interest (B2B, with opt-out in every mail); private addresses
    (free-mail and ISP domains) need an explicit opt-in."""

    class Basis(models.TextChoices):
        LEGITIMATE_INTEREST = "legitimate", _("Legitimate interest (B2B)")
        OPT_IN = "opt_in", _("Opted in")

    email = models.EmailField(_("e-mail"), unique=True)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    source = models.CharField(_("how it was given"), max_length=200, blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.email} ({self.get_basis_display()})"


class Suppression(models.Model):
    """Never mail this address again (unsubscribed, bounced, complained)."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Address does not exist")
        COMPLAINED = "complained", _("Marked as spam")
        MANUAL = "manual", _("Added by hand")

    email = models.EmailField(_("e-mail"), unique=True)
    reason = models.CharField(_("reason"), max_length=14, choices=Reason.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.email

    def clean(self):
        # Addresses are compared lower-cased everywhere (sends, counts).
        self.email = (self.email or "").strip().lower()


class Recipient(models.Model):
    """One address of one campaign: the ledger of the send."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Handed to the mail server, answer not yet recorded: if the worker dies
        # here the mail may have left, so a resumed send does not retry it.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        UNCERTAIN = "uncertain", _("Interrupted (not resent)")
        FAILED = "failed", _("Refused by the server")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Skipped (suppressed since)")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="recipients"
    )
    email = models.EmailField()
    contact = models.ForeignKey(
        "prospecting.Contact", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead = models.ForeignKey(
        "prospecting.Lead", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    company_name = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=120, blank=True)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="campaign_recipient_once"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return self.email


class Click(models.Model):
    recipient = models.ForeignKey(
        Recipient, on_delete=models.CASCADE, related_name="clicks"
    )
    url = models.URLField(max_length=500)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.url
