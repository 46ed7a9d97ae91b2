"""Items close by themselves when an article now answers them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demand.review import demand_review
from demand.services import demand_drafts_published, demand_note, demand_write
from hub.models import AuditEntry
from hub.registry import registry

from .conftest import make_article, republish

pytestmark = pytest.mark.django_db


def _item(text, source="search", ref=None, **kwargs):
    return demand_note(
        source=source, text=text, ref=ref or f"{source}:{text}", **kwargs
    )


def test_an_article_titled_as_asked_closes_it(category):
    item = _item("délai de livraison ?")
    assert demand_review() == {"checked": 1, "closed": 0}
    article = make_article(category, "Délais de livraison", "Trois semaines.")
    assert demand_review() == {"checked": 1, "closed": 1}
    item.refresh_from_db()
    assert (item.status, item.closed_how, item.answered_by_id) == (
        "answered",
        "title",
        article.pk,
    )
    entry = AuditEntry.objects.get(action="demand.close")
    assert entry.actor is None and entry.changes["how"] == "title"


def test_a_passage_that_answers_closes_it_and_says_which(category):
    item = _item("le temps de livraison")
    make_article(category, "Transport", "Les camions partent le lundi.")
    demand_review()
    item.refresh_from_db()
    assert item.is_open  # found something, but not an answer
    article = make_article(
        category, "Délais", "Le temps de livraison est de trois semaines."
    )
    demand_review()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("auto", article.pk)
    assert item.close_note.startswith("Délais")


def test_a_customer_question_needs_an_answer_customers_may_read(category):
    item = _item("garantie du portail", source="customer")
    article = make_article(
        category, "Garantie", "La garantie du portail est de dix ans."
    )
    demand_review()
    item.refresh_from_db()
    assert item.is_open  # staff-only article
    republish(article, answer_customers=True)
    demand_review()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("auto", article.pk)


def test_a_passage_voted_down_counts_again_only_once_revised(category):
    article = make_article(
        category, "Délais", "Le temps de livraison est de trois semaines."
    )
    voted = timezone.now() + timedelta(seconds=1)
    item = _item(
        "temps de livraison",
        source="not_helpful",
        page=article,
        anchor="",
        at=voted,
    )
    demand_review()
    item.refresh_from_db()
    assert item.is_open
    republish(article, summary="Trois semaines en général, cinq en été.")
    from wagtail.models import Page

    Page.objects.filter(pk=article.pk).update(
        last_published_at=voted + timedelta(minutes=5)
    )
    demand_review()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("auto", article.pk)


def test_an_article_voted_unhelpful_closes_once_published_again(category):
    article = make_article(category, "Pose", "Texte.")
    item = demand_note(
        source="not_helpful",
        text="trop court",
        ref="article-feedback:1",
        article=article,
        at=timezone.now() + timedelta(seconds=1),  # voted after it was published
    )
    demand_review()
    item.refresh_from_db()
    assert item.is_open
    republish(article, summary="Mieux expliqué.")
    from wagtail.models import Page

    Page.objects.filter(pk=article.pk).update(
        last_published_at=timezone.now() + timedelta(minutes=5)
    )
    demand_review()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("revised", article.pk)


def test_the_draft_written_for_it_closes_it_when_published(editor_user, category):
    item = _item("poteau pour grillage souple", ref="search:1")
    _item("poteaux grillage souple", ref="search:2")
    draft = demand_write(item=item, category=category, by=editor_user)
    latest = draft.get_latest_revision_as_object()
    assert draft.title == "Poteau pour grillage souple" and not draft.live
    callout = latest.body[0]
    assert callout.block_type == "callout"
    assert "poteaux grillage souple" in callout.value["text"]
    assert demand_drafts_published(page_id=draft.pk) == 0  # not published yet
    latest.save_revision(user=editor_user).publish(
        user=editor_user, skip_permission_checks=True
    )
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("written", draft.pk)
    assert AuditEntry.objects.filter(action="demand.write", actor=editor_user).exists()


def test_jobs_are_registered_for_the_worker():
    assert "demand_review" in registry.daily_jobs
    assert registry.periodic_jobs["demand_collect"].every_minutes == 15
    assert registry.daily_jobs["demand_review"].task.call(None) == {
        "checked": 0,
        "closed": 0,
    }


def test_a_red_link_wants_its_article_not_any_passage(category):
    item = _item("Pièces détachées", source="wanted")
    make_article(
        category, "Réclamations", "Les pièces détachées sont envoyées sous 48 h."
    )
    demand_review()
    item.refresh_from_db()
    assert item.is_open
    article = make_article(category, "Pièces détachées", "Catalogue des pièces.")
    demand_review()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id) == ("title", article.pk)
