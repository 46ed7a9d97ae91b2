"""Page types of a microsite. Every site is a Wagtail `Site` whose root page is a
`MicrositeHomePage` placed directly under the tree root; its children are product,
content, news and contact pages. One set of templates renders every site; the
look comes from the site's `SiteBranding`."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from ..blocks import ContentStreamBlock, ProductStreamBlock


class MicrositeContextMixin:
    """Context every microsite template needs: the page's site, its branding
    (fetched once per request), the menu and the canonical URL."""

    def microsite_site(self, request) -> Site:
        site = Site.find_for_request(request)
        if site is None or not self.path.startswith(site.root_page.path):
            site = self.get_site()  # admin preview, served from the hub host
        return site

    def get_context(self, request, *args, **kwargs):
        from ..selectors import quote_url, site_navigation
        from .branding import SiteBranding

        context = super().get_context(request, *args, **kwargs)
        site = self.microsite_site(request)
        if site is Site.find_for_request(request):
            branding = SiteBranding.for_request(request)
        else:
            branding = SiteBranding.for_site(site)
        nav_pages = site_navigation(request, site)
        context.update(
            microsite=site,
            branding=branding,
            nav_pages=nav_pages,
            quote_url=quote_url(request, nav_pages),
            canonical_url=request.build_absolute_uri(self.get_url(request)),
        )
        return context


class MicrositePage(MicrositeContextMixin, Page):
    """Shared fields of microsite pages (abstract).

    `cache_public_response` tells microsites.cache that an anonymous GET of the
    page may be served from the per-site page cache.
    """

    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("Shown at the top and when the page is shared."),
    )

    cache_public_response = True

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]

    class Meta:
        abstract = True


class MicrositeFolderPage(Page):
    """The admin folder holding every microsite's home page (never served: no
    Site points at it).

    Why a folder rather than homes directly under the tree root: the company-wide
    Editors role needs page rights on all 80+ sites. Granted per site, Wagtail's
    admin ORs one tree condition per grant (hundreds), which SQLite refuses
    ("Expression tree is too large"); granted once on this folder it is one row
    per right, and each site's own editors group still gets rights on its home
    only.
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["microsites.MicrositeHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("microsites folder")

    def serve(self, request, *args, **kwargs):
        raise Http404

    def get_sitemap_urls(self, request=None):
        return []


class MicrositeHomePage(MicrositePage):
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["microsites.MicrositeFolderPage"]
    subpage_types = [
        "microsites.ProductPage",
        "microsites.ContentPage",
        "microsites.NewsPage",
        "microsites.ContactPage",
    ]
    content_panels = MicrositePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("microsite home")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(self))
        return context


class ProductPage(MicrositePage):
    body = StreamField(ProductStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["microsites.MicrositeHomePage", "microsites.ContentPage"]
    subpage_types: list = []
    content_panels = MicrositePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("product page")


class ContentPage(MicrositePage):
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["microsites.MicrositeHomePage", "microsites.ContentPage"]
    subpage_types = ["microsites.ContentPage", "microsites.ProductPage"]
    content_panels = MicrositePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")


class NewsPage(MicrositePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["microsites.MicrositeHomePage", "microsites.ContentPage"]
    subpage_types: list = []
    content_panels = MicrositePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")


class ContactFormField(AbstractFormField):
    """A field of a contact form; `maps_to` says which lead attribute it fills."""

    class MapsTo(models.TextChoices):
        NONE = "", _("Nothing (kept in the submission only)")
        COMPANY = "company", _("Company name")
        NAME = "name", _("Contact name")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        CITY = "city", _("City")
        POSTAL_CODE = "postal_code", _("Postal code")
        WEBSITE = "website", _("Company website")
        MESSAGE = "message", _("Message")

    page = ParentalKey(
        "microsites.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    maps_to = models.CharField(
        _("fills the lead's"),
        max_length=20,
        choices=MapsTo.choices,
        blank=True,
        default="",
    )

    panels = AbstractFormField.panels + [FieldPanel("maps_to")]


class ContactPage(MicrositeContextMixin, AbstractEmailForm):
    """A quote request form: every submission is stored (Wagtail form submissions)
    and becomes, or is attached to, a war-room lead through
    `microsites.services.contact_submission_process`."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )
    cache_public_response = False  # carries a CSRF token and a signed timestamp

    parent_page_types = ["microsites.MicrositeHomePage", "microsites.ContentPage"]
    subpage_types: list = []
    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail copy of each request"),
        ),
    ]

    class Meta:
        verbose_name = _("contact page")

    def get_form_class(self):
        from ..forms import ContactFormBuilder

        return ContactFormBuilder(self.get_form_fields()).get_form_class()

    def serve(self, request, *args, **kwargs):
        from ..views import serve_contact_page

        return serve_contact_page(self, request)
