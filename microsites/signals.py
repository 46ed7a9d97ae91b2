"""Page-cache invalidation, a decoupled concern (STYLE.md: signals are for these).

Publishing, unpublishing, moving or deleting a page invalidates its site (in the
page cache and, when FRONTEND_CACHE_URL is set, in the caching proxy); saving a
site's branding invalidates that site; saving a product fact, shown on every
site, invalidates them all, and so does publishing, unpublishing or deleting a
wiki article that sites quote in their FAQs (the answer text, or whether it may
still be shown, changed). Adding or removing a view restriction invalidates
the page's site (the cached menu leaves private sections out)."""

from django.core.cache import cache as django_cache
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache, frontend_cache
from .models import SiteBranding


def _site_changed(hostname: str) -> None:
    cache.invalidate_site(hostname)
    frontend_cache.purge_site(hostname)


def _everything_changed() -> None:
    cache.invalidate_all()
    frontend_cache.purge_everything()


def _invalidate_page_site(instance, **kwargs):
    for site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        if instance.url_path.startswith(root_path):
            hostname = (
                Site.objects.filter(pk=site_id)
                .values_list("hostname", flat=True)
                .first()
            )
            if hostname:
                _site_changed(hostname)


def _invalidate_restricted(instance, **kwargs):
    """A section made private or public again: its menu entry and cached pages."""
    try:
        page = instance.page
    except Page.DoesNotExist:
        return  # deleted with its page, which invalidated the site already
    _invalidate_page_site(page)


def _invalidate_moved(instance, url_path_before="", **kwargs):
    _everything_changed()  # a move may cross sites: rare, drop everything


def _invalidate_branding(instance, **kwargs):
    django_cache.delete(SiteBranding.cache_key(instance.site_id))
    _site_changed(instance.site.hostname)


def _remember_old_hostname(instance, **kwargs):
    if instance.pk:
        instance._microsites_old_hostname = (
            Site.objects.filter(pk=instance.pk)
            .values_list("hostname", flat=True)
            .first()
        )


def _invalidate_site(instance, **kwargs):
    """The site's host, and its old one when renamed: pages and routes cached
    under the old name must stop answering there."""
    _site_changed(instance.hostname)
    old = getattr(instance, "_microsites_old_hostname", None)
    if old and old != instance.hostname:
        _site_changed(old)


def _invalidate_all(**kwargs):
    _everything_changed()


def _invalidate_quoting_sites(instance, **kwargs):
    """An article's public passages changed: pages quoting it in an FAQ (the
    reference index records the FAQ's article choosers) render again."""
    from wagtail.models import ReferenceIndex

    if ReferenceIndex.get_references_to(instance).exists():
        _everything_changed()


def connect() -> None:
    page_published.connect(_invalidate_page_site, dispatch_uid="microsites.cache.pub")
    page_unpublished.connect(
        _invalidate_page_site, dispatch_uid="microsites.cache.unpub"
    )
    post_delete.connect(
        _invalidate_page_site, sender=Page, dispatch_uid="microsites.cache.delete"
    )
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _invalidate_restricted,
            sender=PageViewRestriction,
            dispatch_uid=f"microsites.cache.restriction.{name}",
        )
    post_page_move.connect(_invalidate_moved, dispatch_uid="microsites.cache.move")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _invalidate_branding,
            sender=SiteBranding,
            dispatch_uid=f"microsites.cache.brand.{name}",
        )
    pre_save.connect(
        _remember_old_hostname, sender=Site, dispatch_uid="microsites.cache.site_pre"
    )
    post_save.connect(
        _invalidate_site, sender=Site, dispatch_uid="microsites.cache.site"
    )
    post_delete.connect(
        _invalidate_site, sender=Site, dispatch_uid="microsites.cache.site_del"
    )
    from wiki.models import ArticlePage, ProductFact

    for name, signal in (
        ("pub", page_published),
        ("unpub", page_unpublished),
        ("delete", post_delete),
    ):
        signal.connect(
            _invalidate_quoting_sites,
            sender=ArticlePage,
            dispatch_uid=f"microsites.cache.faq.{name}",
        )

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _invalidate_all,
            sender=ProductFact,
            dispatch_uid=f"microsites.cache.fact.{name}",
        )
