"""Writes of [[links]]: red links attached to a new article, drafts made
from a red link."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex

from hub.services import audit_log

from .. import links
from ..models import (
    ArticlePage,
    WikiCategoryPage,
    WikiLink,
)


@transaction.atomic
def wiki_links_attach(*, page: ArticlePage) -> int:
    """Point red links whose title matches this (newly) published article at it,
    and refresh the reference index of the articles that hold them."""
    key = links.title_key(page.title)
    sources = list(
        WikiLink.objects.filter(key=key, target__isnull=True).values_list(
            "source_id", flat=True
        )
    )
    if not sources:
        return 0
    count = WikiLink.objects.filter(key=key, target__isnull=True).update(target=page)
    for source in ArticlePage.objects.filter(pk__in=sources):
        ReferenceIndex.create_or_update_for_object(source)
    return count


@transaction.atomic
def article_create_draft(*, title: str, category: WikiCategoryPage, by) -> ArticlePage:
    """A draft article (from a red link); an existing draft of that title is reused."""
    from django.contrib.contenttypes.models import ContentType

    # Content-type ids cached by a long-running process go stale when the
    # table is rebuilt (the browser tests' database flush); one query avoids
    # a foreign-key failure on the page, revision and log rows created here.
    ContentType.objects.clear_cache()
    title = " ".join(title.split())[:255]
    key = links.title_key(title)
    for draft in ArticlePage.objects.child_of(category).filter(live=False):
        if links.title_key(draft.title) == key:
            return draft
    page = ArticlePage(
        title=title,
        summary=_("To be written."),
        live=False,
        owner=by,
        expert=by,
    )
    category.add_child(instance=page)
    page.save_revision(user=by, log_action=True)
    audit_log(actor=by, action="wiki.article.create_draft", target=page)
    return page
