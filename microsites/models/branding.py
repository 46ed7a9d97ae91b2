"""Per-site look and contact details: one set of templates, 80 different sites."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .. import hours
from ..colors import contrast_ratio

hex_color = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f5f8b (# and six hex digits).")
)
# Text on the primary colour is white: WCAG AA asks 4.5:1 for body text.
MIN_CONTRAST = 4.5


def analytics_hosts() -> list[str]:
    """Hosts an analytics script may come from (self-hosted Matomo/Plausible)."""
    return list(getattr(settings, "MICROSITES_ANALYTICS_HOSTS", []))


@register_setting(icon="image")
class SiteBranding(BaseSiteSetting):
    """Name, colours, logo and contact details of one microsite.

    Read in templates through Wagtail's `settings` context processor (cached per
    request) as `settings.microsites.SiteBranding`; the colours become CSS custom
    properties in microsites/includes/theme.html. Editors never paste raw HTML:
    analytics come from a fixed provider template, and only from allowed hosts.
    """

    class Analytics(models.TextChoices):
        NONE = "", _("None")
        MATOMO = "matomo", "Matomo"
        PLAUSIBLE = "plausible", "Plausible"

    site_name = models.CharField(_("site name"), max_length=120, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_color = models.CharField(
        _("primary colour"), max_length=7, default="#1f4e79", validators=[hex_color]
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default="#b3541e", validators=[hex_color]
    )
    background_color = models.CharField(
        _("background colour"),
        max_length=7,
        default="#f7f7f5",
        validators=[hex_color],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_(
            "Days and hours, e.g. Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00"
            " (Mo Tu We Th Fr Sa Su)."
        ),
    )
    # What the site promises and sells: a web lead carries both, for routing it
    # to the right team and timing its callback (prospecting.services.routing).
    callback_hours = models.PositiveSmallIntegerField(
        _("promised callback (hours)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_(
            "“We call you back within …”: shown on the site, timed in the war room."
        ),
    )
    product_line = models.CharField(
        _("product line"),
        max_length=80,
        blank=True,
        help_text=_("What the site sells (e.g. Portails): used to route its requests."),
    )
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="fr",
    )
    analytics_provider = models.CharField(
        _("analytics"), max_length=20, choices=Analytics.choices, blank=True
    )
    analytics_url = models.URLField(
        _("analytics server"),
        blank=True,
        help_text=_("Base URL of your own analytics server (allowed hosts only)."),
    )
    analytics_site_id = models.CharField(
        _("analytics site id"),
        max_length=64,
        blank=True,
        validators=[RegexValidator(r"^[\w.\-]*$", _("Letters, digits, . - _ only."))],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("primary_color"),
                FieldPanel("accent_color"),
                FieldPanel("background_color"),
            ],
            heading=_("Colours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("footer_text"),
                FieldPanel("default_language"),
            ],
            heading=_("Contact and footer"),
        ),
        MultiFieldPanel(
            [FieldPanel("callback_hours"), FieldPanel("product_line")],
            heading=_("Requests"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("analytics_provider"),
                FieldPanel("analytics_url"),
                FieldPanel("analytics_site_id"),
            ],
            heading=_("Analytics"),
        ),
    ]

    class Meta:
        verbose_name = _("microsite branding")

    def __str__(self):
        return self.site_name or str(self.site)

    @classmethod
    def cache_key(cls, site_id: int) -> str:
        return f"microsites:branding:{site_id}"

    @classmethod
    def for_site(cls, site):
        """Wagtail's get-or-create, behind the Django cache: every page view needs
        the branding, which changes rarely (microsites.signals drops the entry
        on save/delete)."""
        if site is None:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, 3600)
        return instance

    def clean(self):
        super().clean()
        errors = {}
        for field in ("primary_color", "accent_color"):
            value = getattr(self, field)
            try:
                ratio = contrast_ratio(value, "#ffffff")
            except ValueError:
                continue  # the field validator reports the format
            if ratio < MIN_CONTRAST:
                errors[field] = _(
                    "White text on %(color)s is hard to read (contrast %(ratio).1f:1,"
                    " 4.5:1 needed): choose a darker colour."
                ) % {"color": value, "ratio": ratio}
        if self.opening_hours:
            try:
                hours.parse(self.opening_hours)
            except ValueError as error:
                errors["opening_hours"] = _(
                    "“%(part)s” is not readable: write days then hours, e.g."
                    " Mo-Fr 08:00-18:00; Sa 09:00-12:00."
                ) % {"part": error.args[0] if error.args else self.opening_hours}
        if self.analytics_provider:
            host = urlsplit(self.analytics_url).hostname or ""
            if not self.analytics_url or not self.analytics_site_id:
                errors["analytics_url"] = _(
                    "Give the analytics server and the site id, or choose None."
                )
            elif host not in analytics_hosts():
                errors["analytics_url"] = _(
                    "%(host)s is not an allowed analytics host."
                ) % {"host": host or self.analytics_url}
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self) -> str:
        return self.site_name or self.site.site_name or self.site.hostname

    @property
    def analytics_origin(self) -> str:
        parts = urlsplit(self.analytics_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    @property
    def initials(self) -> str:
        """Two letters for the favicon: "Portails Bordeaux" → "PB"."""
        words = [
            w for w in self.display_name.replace("-", " ").split() if w[:1].isalnum()
        ]
        return "".join(w[0] for w in words[:2]).upper() or "?"

    @property
    def opening_lines(self) -> list[str]:
        return hours.french_lines(self.opening_hours)

    @property
    def address_parts(self) -> dict:
        """ "12 rue de l'Industrie, 33000 Bordeaux" → street, postcode, city (the
        JSON-LD PostalAddress); a free-form address stays whole as the street."""
        street, _, rest = self.address.rpartition(",")
        postcode, _, city = rest.strip().partition(" ")
        if street and len(postcode) == 5 and postcode.isdigit() and city:
            return {"street": street.strip(), "postal_code": postcode, "city": city}
        return {"street": self.address, "postal_code": "", "city": ""}
