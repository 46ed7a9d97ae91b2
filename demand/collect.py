"""Feeding the queue from what the wiki already records.

The signals (`demand.signals`) note each zero-result search and each
"not helpful" vote as it happens; this sweep, run every 15 minutes by the
worker (and by the demo seed), notes what they cannot see: rows written in
bulk (imports, the demo's year of searches) and red links, whose rows the
wiki rewrites on every publish — so they are compared as a set (a link gone
from every article leaves the queue) rather than followed row by row.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import DemandSignal, Source
from .services import demand_note, demand_unnote

WINDOW = timedelta(days=90)


def _known(source: str, prefix: str) -> set[str]:
    return set(
        DemandSignal.objects.filter(source=source, ref__startswith=prefix).values_list(
            "ref", flat=True
        )
    )


def search_ref(log) -> str:
    return f"search:{log.pk}"


def article_vote_ref(feedback) -> str:
    return f"article-feedback:{feedback.pk}"


def answer_vote_ref(feedback) -> str:
    return f"answer-feedback:{feedback.pk}"


def request_ref(request, user_id) -> str:
    return f"article-request:{request.key}:{user_id}"[:255]


def red_link_ref(source_id, key) -> str:
    return f"red-link:{source_id}:{key}"[:255]


def note_search(log) -> None:
    demand_note(
        source=Source.SEARCH, text=log.query, ref=search_ref(log), at=log.created_at
    )


def note_article_vote(feedback) -> None:
    demand_note(
        source=Source.NOT_HELPFUL,
        text=feedback.comment or feedback.page.title,
        ref=article_vote_ref(feedback),
        at=feedback.created_at,
        article=feedback.page,
        page=feedback.page,
    )


def note_answer_vote(feedback) -> None:
    demand_note(
        source=Source.NOT_HELPFUL,
        text=feedback.query,
        ref=answer_vote_ref(feedback),
        at=feedback.created_at,
        page=feedback.page,
        anchor=feedback.anchor,
    )


def demand_collect(*, window: timedelta = WINDOW) -> dict:
    """Note what is missing (each event once, whatever noted it before)."""
    from wiki.selectors import demand as wiki_demand

    since = timezone.now() - window
    noted = 0
    known = _known(Source.SEARCH, "search:")
    for log in wiki_demand.zero_result_searches(since=since).iterator():
        if search_ref(log) not in known:
            note_search(log)
            noted += 1
    known = _known(Source.NOT_HELPFUL, "article-feedback:")
    for feedback in wiki_demand.unhelpful_article_votes(since=since):
        if article_vote_ref(feedback) not in known:
            note_article_vote(feedback)
            noted += 1
    known = _known(Source.NOT_HELPFUL, "answer-feedback:")
    for feedback in wiki_demand.unhelpful_answer_votes(since=since).select_related(
        "page"
    ):
        if answer_vote_ref(feedback) not in known:
            note_answer_vote(feedback)
            noted += 1
    noted += _collect_requests(wiki_demand)
    added, removed = _collect_red_links(wiki_demand)
    return {"noted": noted + added, "withdrawn": removed}


def _collect_requests(wiki_demand) -> int:
    known = _known(Source.WANTED, "article-request:")
    noted = 0
    for request in wiki_demand.article_requests():
        for user in request.requesters.all():
            ref = request_ref(request, user.pk)
            if ref not in known:
                demand_note(
                    source=Source.WANTED,
                    text=request.title,
                    ref=ref,
                    at=request.last_requested_at,
                )
                noted += 1
    return noted


@transaction.atomic
def _collect_red_links(wiki_demand) -> tuple[int, int]:
    current = {}
    for link in wiki_demand.red_links().select_related("source"):
        ref = red_link_ref(link.source_id, link.key)
        current.setdefault(ref, (link.title, link.source.last_published_at))
    known = _known(Source.WANTED, "red-link:")
    for ref, (title, at) in current.items():
        if ref not in known:
            demand_note(source=Source.WANTED, text=title, ref=ref, at=at)
    for ref in known - set(current):
        demand_unnote(source=Source.WANTED, ref=ref)
    return len(set(current) - known), len(known - set(current))
