"""The war room's data: companies, contacts, leads in a configurable pipeline,
their activities, stage history and won deals.

A lead is only ever created through `prospecting.services.lead_intake`, which
normalises and deduplicates; these models hold no business logic.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import normalize
from .storage import private_storage

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
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_due = models.DateField(_("due"), null=True, blank=True)
    # The due date a reminder was last sent for: one reminder per due date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    lost_reason = models.CharField(_("lost reason"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    attribution = models.JSONField(_("attribution"), default=dict, blank=True)
    # Fingerprint of the CSV row a lead was imported from: re-running an import
    # recognises rows it already brought in, even without SIREN/e-mail/phone.
    import_key = models.CharField(max_length=64, blank=True, db_index=True)
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

    @property
    def site_id(self):
        value = (self.attribution or {}).get("site_id")
        return value if isinstance(value, int) else None


class Activity(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Visit")
        QUOTE = "quote", _("Quote")
        NOTE = "note", _("Note")
        VIDEO_CALL = "video_call", _("Video call")
        WEB_FORM = "web_form", _("Web form")
        STAGE = "stage", _("Stage change")
        MERGE = "merge", _("Merge")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("text"), blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.lead_id}"


class StageChange(models.Model):
    """One move of a lead between stages: the source of "time in stage"."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.ForeignKey(
        PipelineStage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_stage = models.ForeignKey(
        PipelineStage, on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.lead_id}: {self.from_stage_id} → {self.to_stage_id}"


class Deal(models.Model):
    """The won revenue of a lead (one per lead)."""

    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="deal")
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    won_at = models.DateTimeField(_("won on"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-won_at"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return f"{self.amount} € · {self.lead_id}"


class ImportJob(models.Model):
    """A CSV upload: the file, its column mapping, progress and row report."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("waiting for column mapping")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Private storage (never served, no URL): the file holds prospects' data.
    # Emptied by `purge_import_files` once the import is old; the row stays.
    file = models.FileField(
        upload_to="prospecting/imports/", storage=private_storage, blank=True
    )
    original_name = models.CharField(max_length=255)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.MAPPING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name
