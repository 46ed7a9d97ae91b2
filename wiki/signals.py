"""Reactions to Wagtail's `page_published` signal, and to product fact edits.

A signal (not a service call) because publishing happens inside Wagtail — the
editor, workflow approval, scheduled publishing — where no wiki code runs;
notifying watchers and attaching red links are decoupled side effects. Likewise
a product fact is edited in Wagtail's snippet views: the articles that embed it
are re-indexed after the commit, so search finds the new facts (a derived index,
the kind of concern signals are for). A deleted fact too: its reference index rows
go with it, so the embedding articles are listed before the delete and
re-indexed after the commit, when their bodies no longer yield the fact.
"""

from django.db import transaction

from .models import ArticlePage, ProductFact
from .services import (
    article_ids_embedding_fact,
    article_published_notify,
    articles_reindex,
    articles_reindex_for_fact,
    wiki_links_attach,
)


def on_page_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, ArticlePage):
        return
    actor = getattr(revision, "user", None)
    created = instance.first_published_at == instance.last_published_at
    wiki_links_attach(page=instance)
    transaction.on_commit(
        lambda: article_published_notify(page=instance, actor=actor, created=created)
    )


def on_product_fact_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the articles are indexed by update_index afterwards
        return
    transaction.on_commit(lambda: articles_reindex_for_fact(fact=instance))


def on_product_fact_deleting(sender, instance, **kwargs):
    instance._embedding_article_ids = article_ids_embedding_fact(fact=instance)


def on_product_fact_deleted(sender, instance, **kwargs):
    page_ids = getattr(instance, "_embedding_article_ids", [])
    if page_ids:
        transaction.on_commit(lambda: articles_reindex(page_ids=page_ids))


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.signals import page_published

    post_save.connect(
        on_product_fact_saved, sender=ProductFact, dispatch_uid="wiki-fact-reindex"
    )
    pre_delete.connect(
        on_product_fact_deleting, sender=ProductFact, dispatch_uid="wiki-fact-usage"
    )
    post_delete.connect(
        on_product_fact_deleted, sender=ProductFact, dispatch_uid="wiki-fact-gone"
    )
    for model in (ArticlePage,):
        page_published.connect(
            on_page_published, sender=model, dispatch_uid=f"wiki-published-{model}"
        )
