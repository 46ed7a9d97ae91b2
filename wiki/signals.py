"""Reactions to Wagtail's `page_published` signal, and to product fact edits.

A signal (not a service call) because publishing happens inside Wagtail — the
editor, workflow approval, scheduled publishing — where no wiki code runs;
notifying watchers and attaching red links are decoupled side effects. Likewise
a product fact is edited in Wagtail's snippet views: the articles that embed it
are re-indexed by a background task, so search finds the new facts (a derived index,
the kind of concern signals are for). A deleted fact too: its reference index rows
go with it, so the embedding articles are listed before the delete and
re-indexed after the commit, when their bodies no longer yield the fact.
"""

from django.db import transaction

from hub.background import enqueue

from . import notices, tasks
from .answers.indexing import article_passages_remove, article_passages_sync
from .models import ArticlePage, ProductFact, Synonym
from .services import (
    article_ids_embedding_fact,
    article_published_notify,
    wiki_links_attach,
)


def on_page_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, ArticlePage):
        return
    actor = getattr(revision, "user", None)
    created = instance.first_published_at == instance.last_published_at
    wiki_links_attach(page=instance)
    article_passages_sync(page=instance)
    transaction.on_commit(
        lambda: article_published_notify(page=instance, actor=actor, created=created)
    )
    transaction.on_commit(
        lambda: notices.article_requests_answer(page=instance, actor=actor)
    )


# Review notifications. Wagtail mails reviewers and authors itself; the hub
# tells them instead (bell + mail by each user's preference), so these handlers
# take the dispatch_uids of Wagtail's e-mail notifiers: this app is ready before
# wagtail.admin, whose connect with the same uid is then skipped (one message,
# not two; tests/wiki/test_review_notifications.py checks Wagtail sends none).
WAGTAIL_MAIL_UIDS = {
    "task_submitted": "group_approval_task_submitted_email_notification",
    "workflow_submitted": "workflow_state_submitted_email_notification",
    "workflow_rejected": "workflow_state_rejected_email_notification",
    "workflow_approved": "workflow_state_approved_email_notification",
}


def on_task_submitted(sender, instance, user=None, **kwargs):
    transaction.on_commit(
        lambda: notices.review_submitted_notify(task_state=instance, user=user)
    )


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Nothing more to say: the first task's reviewers are told by
    on_task_submitted (Wagtail would mail every superuser here)."""


def on_workflow_approved(sender, instance, user=None, **kwargs):
    transaction.on_commit(
        lambda: notices.review_decided_notify(
            workflow_state=instance, approved=True, user=user
        )
    )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    transaction.on_commit(
        lambda: notices.review_decided_notify(
            workflow_state=instance, approved=False, user=user
        )
    )


def on_comment_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw or not instance.text:
        return
    page = instance.page if hasattr(instance, "page") else instance.comment.page
    text, by = instance.text, instance.user
    transaction.on_commit(
        lambda: notices.comment_mentions_notify(page=page, text=text, by=by)
    )


def on_page_unpublished(sender, instance, **kwargs):
    article_passages_remove(page_id=instance.pk)


def on_synonym_changed(sender, **kwargs):
    """The answer engine reads synonyms on its next question."""
    from .answers.store import changed

    changed()


def on_product_fact_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the articles are indexed by update_index afterwards
        return
    page_ids = article_ids_embedding_fact(fact=instance)
    if page_ids:
        enqueue(tasks.articles_reindex, page_ids)


def on_product_fact_deleting(sender, instance, **kwargs):
    instance._embedding_article_ids = article_ids_embedding_fact(fact=instance)


def on_product_fact_deleted(sender, instance, **kwargs):
    page_ids = getattr(instance, "_embedding_article_ids", [])
    if page_ids:
        enqueue(tasks.articles_reindex, page_ids)


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(
        on_product_fact_saved, sender=ProductFact, dispatch_uid="wiki-fact-reindex"
    )
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            on_synonym_changed, sender=Synonym, dispatch_uid=f"wiki-synonym-{name}"
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
        page_unpublished.connect(
            on_page_unpublished,
            sender=model,
            dispatch_uid=f"wiki-unpublished-{model}",
        )
    _connect_reviews()
    _connect_comments()
    post_save.connect(
        on_video_room_saved, sender="video.Room", dispatch_uid="wiki-live-class-end"
    )


def on_video_room_saved(sender, instance, update_fields=None, **kwargs):
    """A video room ended: if it was a live class, count its attendance. A
    signal because the room is ended in the video app (the host's button, the
    room's own end), which knows nothing of the Webschool."""
    if instance.ended_at is None:
        return
    if update_fields is not None and "ended_at" not in update_fields:
        return
    from .models import LiveClass

    pending = LiveClass.objects.filter(
        room_id=instance.pk, attendance_computed_at__isnull=True
    ).values_list("pk", flat=True)
    for class_id in pending:
        enqueue(tasks.live_classes_attendance, class_id=class_id)


def _connect_reviews():
    from wagtail import signals
    from wagtail.models import TaskState, WorkflowState

    # Task states are sent with their specific class as sender (Wagtail's own
    # notifier listens on TaskState and filters): listen to any sender.
    signals.task_submitted.connect(
        on_task_submitted, dispatch_uid=WAGTAIL_MAIL_UIDS["task_submitted"]
    )
    signals.task_submitted.connect(
        _wagtail_mail_off,
        sender=TaskState,
        dispatch_uid=WAGTAIL_MAIL_UIDS["task_submitted"],
    )
    for name, handler in (
        ("workflow_submitted", on_workflow_submitted),
        ("workflow_approved", on_workflow_approved),
        ("workflow_rejected", on_workflow_rejected),
    ):
        getattr(signals, name).connect(
            handler, sender=WorkflowState, dispatch_uid=WAGTAIL_MAIL_UIDS[name]
        )


def _wagtail_mail_off(sender, **kwargs):
    """Holds the uid of Wagtail's reviewer mail for TaskState (see above)."""


def _connect_comments():
    from django.db.models.signals import post_save
    from wagtail.models import Comment, CommentReply

    for model in (Comment, CommentReply):
        post_save.connect(
            on_comment_saved, sender=model, dispatch_uid=f"wiki-mentions-{model}"
        )
