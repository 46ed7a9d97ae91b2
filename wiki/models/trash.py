"""The wiki's trash: where deleted wiki and Webschool pages wait, whole.

Why a hidden holder page and not a flag on the pages: a trashed page is *moved*
under `WikiTrashPage`, a child of Wagtail's tree root outside every Site, and
unpublished. So it has no URL, Wagtail serves it nowhere, `.live()` querysets
(search, navigation, backlinks, reports, sitemaps) drop it, its slug is free
again in its category, and red-link drafts (`article_create_draft`) no longer
find it — with no filter to remember in every query. Nothing is deleted: the
page row, its children, revisions, comments, log entries, feedback and stats
stay; the tree stays valid (`Page.find_problems()` is clean) because only
Wagtail's own move and unpublish actions touch it.

`TrashEntry` remembers what the move forgets: who, when, the original parent and
slug, and which revision of each page of the subtree was live (restore publishes
them again). Writes live in `wiki.trash`.
"""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class WikiTrashPage(Page):
    """The one holder of trashed pages (created on first use by
    `wiki.trash.trash_holder`); never live, never served, no page types may be
    added under it in the admin."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list = []
    max_count = 1
    is_creatable = False

    class Meta:
        verbose_name = _("wiki trash")

    def serve(self, request, *args, **kwargs):
        raise Http404

    def get_sitemap_urls(self, request=None):
        return []


class TrashEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="wiki_trash_entry",
        verbose_name=_("page"),
    )
    trashed_at = models.DateTimeField(_("trashed at"), default=timezone.now)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("trashed by"),
    )
    original_parent = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("original parent"),
    )
    # Kept as text too: shown when the parent itself was deleted for good.
    original_parent_title = models.CharField(max_length=255, blank=True)
    original_url_path = models.TextField(blank=True)
    original_slug = models.SlugField(max_length=255, allow_unicode=True)
    # {page id: revision id} of every page of the subtree that was live.
    live_revisions = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-trashed_at", "-pk"]
        indexes = [models.Index(fields=["trashed_at"], name="wiki_trash_when")]
        verbose_name = _("trash entry")
        verbose_name_plural = _("trash entries")

    def __str__(self):
        return f"🗑 {self.page_id}"
