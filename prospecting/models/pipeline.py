"""Companies, their contacts and leads moving through the pipeline's stages."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import normalize
from ..attribution import CHANNEL_CHOICES, UTM_MAX

DEFAULT_STAGE_LABELS = {
    "new": _("New"),
    "contacted": _("Contacted"),
    "qualified": _("Qualified"),
    "quote_sent": _("Quote sent"),
    "won": _("Won"),
    "lost": _("Lost"),
}


class PipelineStage(models.Model):
    """A column of the board. Rows are configurable in the admin; the default six
    are created on demand (`services.stages_ensure`). A stage without a custom
    name shows the translated default label of its key."""

    class Kind(models.TextChoices):
        OPEN = "open", _("open")
        WON = "won", _("won")
        LOST = "lost", _("lost")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    probability = models.PositiveSmallIntegerField(
        _("default probability (%)"), default=10
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("pipeline stage")
        verbose_name_plural = _("pipeline stages")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return self.name or DEFAULT_STAGE_LABELS.get(self.key, self.key)


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    website = models.URLField(_("website"), max_length=300, blank=True)
    domain = models.CharField(_("domain"), max_length=200, blank=True, db_index=True)
    siren = models.CharField(
        "SIREN",
        max_length=9,
        blank=True,
        db_index=True,
        validators=[normalize.normalize_siren],
    )
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[normalize.normalize_siret]
    )
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name


class Contact(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("E.164, e.g. +33556123456"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class LeadQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True, merged_into__isnull=True)


class Lead(models.Model):
    """A prospect in the pipeline; remembers where it came from (source, finder,
    URL, microsite attribution) so revenue can be split by channel."""

    class Source(models.TextChoices):
        WAR_ROOM = "war_room", _("War room")
        WEBSITE = "website", _("Website")
        IMPORT = "import", _("Import")
        REFERRAL = "referral", _("Referral")
        API = "api", _("API")
        VIDEO = "video", _("Video")
        CAMPAIGN = "campaign", _("Campaign")
        OTHER = "other", _("Other")

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="leads")
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, db_index=True
    )
    source_url = models.URLField(_("found at"), max_length=500, blank=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="found_leads",
        verbose_name=_("found by"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_leads",
        verbose_name=_("owner"),
    )
    stage = models.ForeignKey(
        PipelineStage, on_delete=models.PROTECT, related_name="leads"
    )
    estimated_value = models.DecimalField(
        _("estimated value (€)"), max_digits=12, decimal_places=2, default=0
    )
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    # The callback a website promised ("nous vous rappelons sous 48 h"): due
    # when, and when someone first called, wrote or met them.
    callback_due_at = models.DateTimeField(_("callback due"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    callback_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    callback_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_due = models.DateField(_("due"), null=True, blank=True)
    # The due date a reminder was last sent for: one reminder per due date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    lost_reason = models.CharField(_("lost reason"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    attribution = models.JSONField(_("attribution"), default=dict, blank=True)
    # Stamped from source + attribution by the intake (prospecting.attribution,
    # the one definition of a channel): the dashboard groups by these columns.
    channel = models.CharField(
        _("channel"),
        max_length=12,
        choices=CHANNEL_CHOICES,
        default="other",
        db_index=True,
        editable=False,
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("site"),
    )
    utm_source = models.CharField(max_length=UTM_MAX, blank=True, editable=False)
    utm_medium = models.CharField(max_length=UTM_MAX, blank=True, editable=False)
    utm_campaign = models.CharField(max_length=UTM_MAX, blank=True, editable=False)
    # Fingerprint of the CSV row a lead was imported from: re-running an import
    # recognises rows it already brought in, even without SIREN/e-mail/phone.
    import_key = models.CharField(max_length=64, blank=True, db_index=True)
    # The browser import that created it ("see the leads of this import").
    import_job = models.ForeignKey(
        "ImportJob",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
        editable=False,
    )
    # The submission that created the lead, as received (form fields, CSV row,
    # API body): the first entry of its timeline. Later ones are activities.
    received = models.JSONField(_("received"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Stamped by every write that changes a card: the board re-sync after a
    # reconnect asks for leads updated since its cursor.
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [models.Index(fields=["stage", "deleted_at"])]

    def __str__(self):
        return f"#{self.pk} {self.company.name}" if self.pk else self.company.name

    def get_absolute_url(self):
        return f"/war-room/leads/{self.pk}/"

    @property
    def effective_probability(self) -> int:
        if self.probability is not None:
            return self.probability
        return self.stage.probability
