"""The site factory, as staff use it: a new site from a template, made for its
own city, created as a draft and published when an editor says so.

    SiteDetails ──site_details_clean──▶ microsite_draft_create ──▶ draft Site
                                                 (pages unpublished, branding,
                                                  editors group, audit)
    draft Site ──microsite_publish (audited)──▶ live

Shared by the guided form in the Wagtail admin, the CSV import (one row, one
transaction) and `manage.py create_microsite`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.copy_page import CopyPageAction
from wagtail.models import Page, Site

from hub.services import audit_log

from .. import placeholders
from ..models import (
    ContactPage,
    ContentPage,
    MicrositeHomePage,
    ProductPage,
    SiteBranding,
)
from .checks import (
    clean_color,
    clean_department,
    clean_email,
    clean_postal_code,
    clean_template,
    french_phone,
)
from .factory import (
    grant_editors,
    microsites_folder,
    site_port,
    unique_root_slug,
    validate_hostname,
)

# Pages a new site takes from its template: what is true in any city. News,
# projects, testimonials and any page type not listed here stay behind.
EVERGREEN_TYPES = (MicrositeHomePage, ProductPage, ContentPage, ContactPage)
# Branding a new site takes from its template (never the template's contact
# details, address or analytics ids: those are the other city's).
BRANDING_FROM_TEMPLATE = (
    "tagline",
    "logo",
    "primary_color",
    "accent_color",
    "background_color",
    "footer_text",
    "default_language",
    "callback_hours",
    "product_line",
)


@dataclass
class SiteDetails:
    """What the factory asks (the guided form's steps, a CSV row)."""

    name: str = ""
    hostname: str = ""
    template: Site | None = None
    city: str = ""
    department: str = ""  # code or name, as typed
    postal_code: str = ""
    address: str = ""  # the street line; the postcode and city are added
    phone: str = ""
    email: str = ""
    primary_color: str = ""  # empty: the template's
    accent_color: str = ""
    logo: object = None  # a Wagtail image, or None for the template's


@dataclass
class CleanDetails:
    name: str
    hostname: str
    template: Site
    place: placeholders.Place
    primary_color: str
    accent_color: str
    logo: object


@dataclass
class DraftResult:
    site: Site
    pages: int
    warnings: list[str] = field(default_factory=list)


def _check(errors: dict, key: str, check, *args):
    try:
        return check(*args)
    except ValidationError as error:
        errors.setdefault(key, []).extend(error.messages)
        return None


def site_details_clean(details: SiteDetails) -> CleanDetails:
    """Every answer checked, all errors at once (ValidationError by field)."""
    errors: dict[str, list[str]] = {}
    name = (details.name or "").strip()
    if not name:
        errors["name"] = [_("Give the site a name.")]
    city = " ".join((details.city or "").split())
    if not city:
        errors["city"] = [_("Give the city the site serves.")]
    street = " ".join((details.address or "").split())
    if not street:
        errors["address"] = [_("Give the street address (number and street).")]
    hostname = _check(errors, "hostname", validate_hostname, details.hostname)
    template = _check(errors, "template", clean_template, details.template)
    department = _check(errors, "department", clean_department, details.department)
    postal_code = _check(
        errors, "postal_code", clean_postal_code, details.postal_code, department
    )
    phone = _check(errors, "phone", french_phone, details.phone)
    email = _check(errors, "email", clean_email, details.email)
    source = SiteBranding.objects.filter(site=template).first() if template else None
    primary = _check(
        errors,
        "primary_color",
        clean_color,
        details.primary_color,
        source.primary_color if source else "#1f4e79",
    )
    accent = _check(
        errors,
        "accent_color",
        clean_color,
        details.accent_color,
        source.accent_color if source else "#b3541e",
    )
    if errors:
        raise ValidationError(errors)
    return CleanDetails(
        name=name[:120],
        hostname=hostname,
        template=template,
        place=placeholders.Place(
            name=name[:120],
            city=city[:80],
            department=department,
            postal_code=postal_code,
            address=f"{street[:180]}, {postal_code} {city[:80]}",
            phone=phone,
            email=email,
        ),
        primary_color=primary,
        accent_color=accent,
        logo=details.logo,
    )


def _template_place(template: Site) -> placeholders.Place:
    branding = SiteBranding.objects.filter(site=template).first()
    name = template.site_name or template.root_page.title
    return placeholders.place_of_branding(branding, name)


def _copy_evergreen(page, *, to, rewrite, by, attrs=None) -> tuple[Page, int]:
    """Copy `page` (unpublished, its texts rewritten) then its evergreen
    children, recursively: (the copy, the number of pages copied)."""
    specific = page.specific
    update = {**placeholders.page_rewritten(specific, rewrite), **(attrs or {})}
    copy = CopyPageAction(
        page=specific,
        to=to,
        recursive=False,
        keep_live=False,
        copy_revisions=False,
        update_attrs=update,
        user=by,
    ).execute(skip_permission_checks=True)
    count = 1
    for child in page.get_children().specific().order_by("path"):
        if isinstance(child, EVERGREEN_TYPES) and not isinstance(
            child, MicrositeHomePage
        ):
            count += _copy_evergreen(child, to=copy, rewrite=rewrite, by=by)[1]
    return copy, count


def _logo_image(logo, *, name: str, by):
    """The uploaded logo as a Wagtail image (already an image: kept)."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    image_model = get_image_model()
    if isinstance(logo, image_model):
        return logo
    image = image_model(
        title=_("Logo %(site)s") % {"site": name},
        file=logo,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=by,
    )
    image.save()
    return image


def _branding(*, site: Site, clean: CleanDetails, by=None) -> SiteBranding:
    branding = SiteBranding(site=site, site_name=clean.name)
    source = SiteBranding.objects.filter(site=clean.template).first()
    rewrite = placeholders.filler(_template_place(clean.template), clean.place)
    for name in BRANDING_FROM_TEMPLATE if source else ():
        value = getattr(source, name)
        setattr(
            branding, name, rewrite(value, False) if isinstance(value, str) else value
        )
    branding.primary_color = clean.primary_color
    branding.accent_color = clean.accent_color
    if clean.logo is not None:
        branding.logo = _logo_image(clean.logo, name=clean.name, by=by)
    place = clean.place
    branding.phone, branding.email, branding.address = (
        place.phone,
        place.email,
        place.address,
    )
    branding.full_clean()
    branding.save()
    return branding


@transaction.atomic
def microsite_draft_create(*, details: SiteDetails, by=None) -> DraftResult:
    """A new site from `details.template`: its evergreen pages copied with
    placeholders (and the template's own city facts) filled for the new place,
    every page unpublished; the Site answers on its hostname (404 until
    published), with its branding and editors group. All or nothing."""
    clean = site_details_clean(details)
    rewrite = placeholders.filler(_template_place(clean.template), clean.place)
    template_home = clean.template.root_page.specific
    home, count = _copy_evergreen(
        template_home,
        to=microsites_folder(),
        rewrite=rewrite,
        by=by,
        attrs={
            "title": clean.name,
            "draft_title": clean.name,
            "slug": unique_root_slug(clean.hostname),
        },
    )
    site = Site(
        hostname=clean.hostname, port=site_port(), root_page=home, site_name=clean.name
    )
    site.full_clean()
    site.save()
    _branding(site=site, clean=clean, by=by)
    group = grant_editors(home=home, name=clean.name)
    audit_log(
        actor=by,
        action="microsites.site_create",
        target=site,
        changes={
            "hostname": clean.hostname,
            "template": clean.template.hostname,
            "template_city": _template_place(clean.template).city,
            "city": clean.place.city,
            "department": clean.place.department.code,
            "group": group.name,
            "draft": True,
            "pages": count,
        },
    )
    return DraftResult(site=site, pages=count)


def can_publish_site(user, site: Site) -> bool:
    """Whoever may publish the site's home: its own editors group, the
    company-wide Editors (rights on the microsites folder), superusers."""
    return site.root_page.permissions_for_user(user).can_publish()


class SiteNotReady(ValidationError):
    """Publishing refused: placeholders nobody filled would show to visitors."""


@transaction.atomic
def microsite_publish(*, site: Site, by) -> int:
    """Publish every page of a draft site (parents first), audited. Refused
    while a page still shows a placeholder. Returns the pages published."""
    from ..selectors import site_unfilled_placeholders

    site = Site.objects.select_for_update().select_related("root_page").get(pk=site.pk)
    if by is not None and not can_publish_site(by, site):
        raise PermissionDenied
    leftovers = site_unfilled_placeholders(site)
    if leftovers:
        raise SiteNotReady(
            [
                _("“%(page)s” still shows %(placeholders)s: edit it first.")
                % {"page": page.title, "placeholders": ", ".join(found)}
                for page, found in leftovers
            ]
        )
    pages = (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .filter(has_unpublished_changes=True)
        .order_by("path")
        .specific()
    )
    published = 0
    for page in pages:
        revision = page.get_latest_revision() or page.save_revision(user=by)
        # rights checked once on the site's root, which every page inherits
        revision.publish(user=by, skip_permission_checks=True)
        published += 1
    audit_log(
        actor=by,
        action="microsites.site_publish",
        target=site,
        changes={"hostname": site.hostname, "pages": published},
    )
    return published
