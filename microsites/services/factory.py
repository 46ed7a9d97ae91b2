"""The site factory's groundwork: hostname rules, the microsites folder, the site
editors group, and `microsite_create` — a bare starter site (home, quote form,
news), live at once, for tests and fixtures. Staff create sites as drafts from a
template through `microsites.services.drafts` (guided form, CSV, command)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from hub import roles
from hub.services import audit_log

from .. import defaults
from ..models import (
    ContactFormField,
    ContactPage,
    MicrositeFolderPage,
    MicrositeHomePage,
    NewsPage,
    SiteBranding,
)

HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
)
PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
IMAGE_PERMISSIONS = ("add_image", "choose_image")


def site_port() -> int:
    """Port stored on microsite Sites. Wagtail matches a unique hostname on any
    port, so 80 serves the demo on :8000 and tests on a random port as well."""
    return int(getattr(settings, "MICROSITES_PORT", 80))


def validate_hostname(hostname: str) -> str:
    """Normalised hostname, or ValidationError with a clear message."""
    value = (hostname or "").strip().lower()
    if not value:
        raise ValidationError(_("Give a hostname."), code="required")
    if "://" in value or "/" in value or ":" in value:
        raise ValidationError(
            _(
                "Give a bare hostname such as portails-bordeaux.localhost, "
                "without http://, port or path."
            ),
            code="format",
        )
    if value in settings.HUB_HOSTNAMES:
        raise ValidationError(
            _("“%(hostname)s” is the hub's own address.") % {"hostname": value},
            code="reserved",
        )
    if not HOSTNAME_RE.match(value):
        raise ValidationError(
            _(
                "“%(hostname)s” is not a valid hostname: use lowercase letters, "
                "digits and hyphens, in dot-separated parts "
                "(e.g. portails-bordeaux.localhost)."
            )
            % {"hostname": value},
            code="format",
        )
    if Site.objects.filter(hostname=value).exists():
        raise ValidationError(
            _("A site already answers on “%(hostname)s”.") % {"hostname": value},
            code="unique",
        )
    return value


def page_permissions():
    return Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )


def microsites_folder() -> MicrositeFolderPage:
    """The folder holding every microsite home (created on first use), with the
    company-wide Editors role's page rights granted once on it."""
    folder = MicrositeFolderPage.objects.first()
    if folder is None:
        folder = Page.get_first_root_node().add_child(
            instance=MicrositeFolderPage(title="Microsites", slug="microsites")
        )
        editors = Group.objects.filter(name=roles.EDITORS).first()
        if editors is not None:
            GroupPagePermission.objects.bulk_create(
                [
                    GroupPagePermission(group=editors, page=folder, permission=p)
                    for p in page_permissions()
                ],
                ignore_conflicts=True,
            )
    return folder


def unique_root_slug(hostname: str) -> str:
    base = slugify(hostname.split(".")[0]) or "site"
    taken = set(microsites_folder().get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _starter_tree(*, name: str, slug: str) -> MicrositeHomePage:
    home = microsites_folder().add_child(
        instance=MicrositeHomePage(
            title=name,
            slug=slug,
            intro=_("Welcome to %(name)s.") % {"name": name},
        )
    )
    contact = ContactPage(
        title="Demander un devis",
        slug="devis",
        show_in_menus=True,
        intro=defaults.CONTACT_INTRO,
        thank_you_text=defaults.CONTACT_THANKS,
    )
    contact.form_fields = [
        ContactFormField(**row) for row in defaults.form_field_rows()
    ]
    home.add_child(instance=contact)
    home.add_child(
        instance=NewsPage(
            title="Actualités", slug="actualites", show_in_menus=True, intro=""
        )
    )
    return home


def _starter_branding(*, site: Site, name: str) -> SiteBranding:
    branding = SiteBranding(site=site, site_name=name)
    branding.full_clean()
    branding.save()
    return branding


def site_editors_group_name(name: str) -> str:
    """In the site language whoever creates it, so the name stays stable."""
    with translation.override(settings.LANGUAGE_CODE):
        return (_("Editors %(site)s") % {"site": name})[:150]


def grant_editors(*, home: Page, name: str) -> Group:
    """The site's own editors: page rights on its tree only. (The company's
    Editors role has them on the microsites folder, hence on every site.)"""
    group, _created = Group.objects.get_or_create(name=site_editors_group_name(name))
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=home, permission=p)
            for p in page_permissions()
        ],
        ignore_conflicts=True,
    )
    image_perms = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group=group, collection=Collection.get_first_root_node(), permission=p
            )
            for p in image_perms
        ],
        ignore_conflicts=True,
    )
    return group


@transaction.atomic
def microsite_create(*, name: str, hostname: str, by=None) -> Site:
    """A bare starter site (home, quote form, news), live at once, with its
    Site, default branding and editors group. Raises ValidationError (per
    field). For tests and fixtures: staff use `microsite_draft_create`."""
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the site a name.")]
    try:
        hostname = validate_hostname(hostname)
    except ValidationError as error:
        errors["hostname"] = error.messages
    if errors:
        raise ValidationError(errors)
    home = _starter_tree(name=name, slug=unique_root_slug(hostname))
    site = Site(hostname=hostname, port=site_port(), root_page=home, site_name=name)
    site.full_clean()
    site.save()
    _starter_branding(site=site, name=name)
    group = grant_editors(home=home, name=name)
    audit_log(
        actor=by,
        action="microsites.site_create",
        target=site,
        changes={"hostname": hostname, "template": None, "group": group.name},
    )
    return site
