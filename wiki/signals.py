"""Reactions to Wagtail's `page_published` signal.

A signal (not a service call) because publishing happens inside Wagtail — the
editor, workflow approval, scheduled publishing — where no wiki code runs;
notifying watchers and attaching red links are decoupled side effects.
"""

from django.db import transaction

from .models import ArticlePage
from .services import article_published_notify, wiki_links_attach


def on_page_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, ArticlePage):
        return
    actor = getattr(revision, "user", None)
    created = instance.first_published_at == instance.last_published_at
    wiki_links_attach(page=instance)
    transaction.on_commit(
        lambda: article_published_notify(page=instance, actor=actor, created=created)
    )


def connect():
    from wagtail.signals import page_published

    for model in (ArticlePage,):
        page_published.connect(
            on_page_published, sender=model, dispatch_uid=f"wiki-published-{model}"
        )
