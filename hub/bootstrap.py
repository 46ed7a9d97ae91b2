"""Base data every install needs: role groups, the page tree root and the staff home.

Migrations create it once (hub.0002); this idempotent twin restores it after a
database flush (transactional tests) and before seeding.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from . import roles


@transaction.atomic
def ensure_base_data() -> None:
    from .registry import registry

    ensure_roles()
    ensure_root_collection()
    ensure_hub_home()
    for step in registry.base_data:  # the apps' own (e.g. default pipeline stages)
        step()


def ensure_roles() -> None:
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)
    admin_ct, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    Group.objects.get(name=roles.EDITORS).permissions.add(access_admin)


def ensure_root_collection():
    """Wagtail's root collection (its migration makes it; a flush removes it):
    images, documents and collection permissions all hang from it."""
    from wagtail.models import Collection

    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_hub_home():
    from .models import HubHomePage

    home = HubHomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HubHomePage(title="Accueil", slug="hub"))
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    Site.objects.update_or_create(
        hostname="localhost",
        port=80,
        defaults={"root_page": home, "is_default_site": True, "site_name": "Hub"},
    )
    return home
