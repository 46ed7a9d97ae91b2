"""Page-cache invalidation, a decoupled concern (STYLE.md: signals are for these).

Publishing, unpublishing, moving or deleting a page invalidates its site; saving a
site's branding invalidates that site; saving a product fact, shown on every
site, invalidates them all."""

from django.core.cache import cache as django_cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache
from .models import SiteBranding


def _invalidate_page_site(instance, **kwargs):
    for site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        if instance.url_path.startswith(root_path):
            hostname = (
                Site.objects.filter(pk=site_id)
                .values_list("hostname", flat=True)
                .first()
            )
            if hostname:
                cache.invalidate_site(hostname)


def _invalidate_moved(instance, url_path_before="", **kwargs):
    cache.invalidate_all()  # a move may cross sites: rare, drop everything


def _invalidate_branding(instance, **kwargs):
    django_cache.delete(SiteBranding.cache_key(instance.site_id))
    cache.invalidate_site(instance.site.hostname)


def _invalidate_site(instance, **kwargs):
    cache.invalidate_site(instance.hostname)


def _invalidate_all(**kwargs):
    cache.invalidate_all()


def connect() -> None:
    page_published.connect(_invalidate_page_site, dispatch_uid="microsites.cache.pub")
    page_unpublished.connect(
        _invalidate_page_site, dispatch_uid="microsites.cache.unpub"
    )
    post_delete.connect(
        _invalidate_page_site, sender=Page, dispatch_uid="microsites.cache.delete"
    )
    post_page_move.connect(_invalidate_moved, dispatch_uid="microsites.cache.move")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _invalidate_branding,
            sender=SiteBranding,
            dispatch_uid=f"microsites.cache.brand.{name}",
        )
    post_save.connect(
        _invalidate_site, sender=Site, dispatch_uid="microsites.cache.site"
    )
    post_delete.connect(
        _invalidate_site, sender=Site, dispatch_uid="microsites.cache.site_del"
    )
    from wiki.models import ProductFact

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _invalidate_all,
            sender=ProductFact,
            dispatch_uid=f"microsites.cache.fact.{name}",
        )
