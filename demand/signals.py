"""The wiki's events the queue listens to.

Signals rather than calls from the wiki: searching, voting and publishing are
the wiki's own flows, and what the editors' queue makes of them is a
decoupled concern the wiki need not know about (the same reason the wiki
listens to Wagtail's `page_published`). What signals cannot see, the
15-minute sweep (`demand.collect`) catches up with.
"""

from __future__ import annotations

from . import collect
from .models import Source


def on_search_logged(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and instance.hits == 0:
        collect.note_search(instance)


def on_article_vote(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.helpful:
        _withdraw(collect.article_vote_ref(instance))
    else:
        collect.note_article_vote(instance)


def on_answer_vote(sender, instance, raw=False, **kwargs):
    # Customers' votes are noted by the question box itself, with their site
    # (demand.customers); staff votes here.
    if raw or instance.source == "customer":
        return
    if instance.helpful:
        _withdraw(collect.answer_vote_ref(instance))
    else:
        collect.note_answer_vote(instance)


def on_article_vote_deleted(sender, instance, **kwargs):
    _withdraw(collect.article_vote_ref(instance))


def on_answer_vote_deleted(sender, instance, **kwargs):
    _withdraw(collect.answer_vote_ref(instance))


def _withdraw(ref: str) -> None:
    from .services import demand_unnote

    demand_unnote(source=Source.NOT_HELPFUL, ref=ref)


def on_article_requested(sender, instance, action, pk_set=None, **kwargs):
    """A reader asked for a missing article (one signal per reader)."""
    if action != "post_add" or not pk_set:
        return
    from .services import demand_note

    for user_id in pk_set:
        demand_note(
            source=Source.WANTED,
            text=instance.title,
            ref=collect.request_ref(instance, user_id),
            at=instance.last_requested_at,
        )


def on_page_published(sender, instance, **kwargs):
    """The article drafted from an item is published: the item is answered."""
    from .services import demand_drafts_published

    demand_drafts_published(page_id=instance.pk)  # in the publish's transaction


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published

    from wiki.models import (
        AnswerFeedback,
        ArticleFeedback,
        ArticlePage,
        ArticleRequest,
        SearchLog,
    )

    post_save.connect(on_search_logged, sender=SearchLog, dispatch_uid="demand-search")
    post_save.connect(
        on_article_vote, sender=ArticleFeedback, dispatch_uid="demand-article-vote"
    )
    post_delete.connect(
        on_article_vote_deleted,
        sender=ArticleFeedback,
        dispatch_uid="demand-article-vote-gone",
    )
    post_save.connect(
        on_answer_vote, sender=AnswerFeedback, dispatch_uid="demand-answer-vote"
    )
    post_delete.connect(
        on_answer_vote_deleted,
        sender=AnswerFeedback,
        dispatch_uid="demand-answer-vote-gone",
    )
    m2m_changed.connect(
        on_article_requested,
        sender=ArticleRequest.requesters.through,
        dispatch_uid="demand-article-request",
    )
    page_published.connect(
        on_page_published, sender=ArticlePage, dispatch_uid="demand-draft-published"
    )
