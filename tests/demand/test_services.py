from datetime import timedelta

import pytest
from django.utils import timezone

from demand import heat
from demand.models import DemandItem, DemandSignal, Source
from demand.selectors import demand_queue
from demand.services import (
    demand_dismiss,
    demand_mark_answered,
    demand_note,
    demand_reopen,
    demand_unnote,
)
from hub.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_one_item_for_the_ways_of_asking_and_each_event_counts_once():
    first = demand_note(source="search", text="Délai livraison ?", ref="search:1")
    again = demand_note(source="search", text="delai de livraison", ref="search:2")
    demand_note(source="search", text="delai de livraison", ref="search:2")
    customer = demand_note(
        source="customer", text="délais de livraison", ref="customer-question:1"
    )
    assert first.pk == again.pk == customer.pk
    item = DemandItem.objects.get()
    assert (item.searches, item.customers, item.total) == (2, 1, 3)
    assert item.label == "Délai livraison ?"
    assert DemandSignal.objects.count() == 3


def test_a_text_without_meaning_is_not_an_item():
    assert demand_note(source="search", text="?? !", ref="search:1") is None
    assert not DemandItem.objects.exists()


def test_a_red_link_title_becomes_the_label():
    demand_note(source="search", text="delai de livraison", ref="search:1")
    item = demand_note(source="wanted", text="Délais de livraison", ref="red-link:1:x")
    assert item.label == "Délais de livraison"


def test_ranking_mixes_frequency_and_recency():
    now = timezone.now()
    for n in range(6):  # often, but two months ago
        demand_note(
            source="search", text="vieux sujet", ref=f"s:{n}", at=now - timedelta(60)
        )
    for n in range(2):  # twice this week
        demand_note(source="search", text="sujet du jour", ref=f"t:{n}", at=now)
    demand_note(source="search", text="une fois hier", ref="u", at=now - timedelta(1))
    labels = [item.label for item in demand_queue()]
    assert labels == ["sujet du jour", "une fois hier", "vieux sujet"]


def test_heat_is_the_same_incrementally_and_from_scratch():
    now = timezone.now()
    events = [(now - timedelta(days=d), w) for d, w in ((30, 1), (2, 2), (0, 1))]
    incremental = None
    for at, weight in events:
        incremental = heat.heat_add(incremental, at, weight)
    assert incremental == pytest.approx(heat.heat_of(events))
    # a signal counts half 14 days later
    assert heat.heat_of([(now, 1.0)]) - heat.heat_of(
        [(now - timedelta(days=14), 1.0)]
    ) == pytest.approx(1.0)


def test_withdrawn_vote_recounts_and_empty_open_items_leave(editor_user):
    demand_note(source="not_helpful", text="pose grillage", ref="answer-feedback:1")
    demand_note(source="search", text="pose du grillage", ref="search:1")
    demand_unnote(source="not_helpful", ref="answer-feedback:1")
    item = DemandItem.objects.get()
    assert (item.not_helpful, item.searches) == (0, 1)
    demand_unnote(source="search", ref="search:1")
    assert not DemandItem.objects.exists()


def test_dismiss_and_answer_are_audited_and_a_new_search_reopens_answered(
    editor_user, category
):
    from .conftest import make_article

    article = make_article(category, "Délais de livraison", "Trois semaines.")
    item = demand_note(source="search", text="délai livraison", ref="search:1")
    demand_mark_answered(item=item, page=article, by=editor_user)
    item.refresh_from_db()
    assert (item.status, item.closed_how, item.answered_by_id, item.closed_by) == (
        "answered",
        "article",
        article.pk,
        editor_user,
    )
    entry = AuditEntry.objects.get(action="demand.close")
    assert entry.actor == editor_user
    assert entry.changes["answered_by"] == article.pk

    later = timezone.now() + timedelta(minutes=1)
    demand_note(source="search", text="delai livraison", ref="search:2", at=later)
    item.refresh_from_db()
    assert item.is_open and item.answered_by is None
    assert AuditEntry.objects.filter(action="demand.reopen").exists()

    demand_dismiss(item=item, by=editor_user, reason="doublon")
    demand_note(source="search", text="delai livraison", ref="search:3", at=later)
    item.refresh_from_db()
    assert (item.status, item.searches, item.close_note) == ("dismissed", 3, "doublon")
    assert AuditEntry.objects.get(action="demand.dismiss").actor == editor_user
    demand_reopen(item=item, by=editor_user)
    item.refresh_from_db()
    assert item.is_open


def test_signals_from_sources_record_their_origin(category):
    from wagtail.models import Site

    site = Site.objects.first()
    item = demand_note(
        source=Source.CUSTOMER, text="garantie", ref="customer-question:9", site=site
    )
    signal = item.signals.get()
    assert (signal.source, signal.site, signal.text) == ("customer", site, "garantie")
