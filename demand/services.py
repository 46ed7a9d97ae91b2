"""Writes of the demand queue: signals in, items closed (by people or by
themselves). Every close is in the hub audit log: who, how, by which article."""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from hub.services import audit_log

from . import heat as ranking
from .keys import question_key, tidy
from .models import DemandItem, DemandSignal, Source
from .selectors import OPEN_COUNT_CACHE

COUNTERS = {
    Source.SEARCH: "searches",
    Source.NOT_HELPFUL: "not_helpful",
    Source.CUSTOMER: "customers",
    Source.WANTED: "wanted",
}


def _open_count_changed() -> None:
    transaction.on_commit(lambda: cache.delete(OPEN_COUNT_CACHE))


def item_key(*, text: str = "", article=None) -> str:
    """ "page:42" for an article voted unhelpful as a whole, else "q:<key>"."""
    if article is not None:
        return f"page:{article.pk}"
    key = question_key(text)
    return f"q:{key}" if key else ""


@transaction.atomic
def demand_note(
    *,
    source: str,
    text: str,
    ref: str,
    at=None,
    site=None,
    page=None,
    anchor: str = "",
    article=None,
) -> DemandItem | None:
    """Someone could not find `text`: count it on its item (created if new).
    `ref` names the event, so noting it again changes nothing. `article` keys
    the item by that article (a vote on the whole article); `page`/`anchor`
    say which passage a vote was about. A new signal reopens an item closed
    as answered before it (the answer did not reach this person); a dismissed
    item stays dismissed and only counts. Returns None for a text with no
    meaningful word ("?")."""
    source = Source(source)
    text = tidy(text)
    key = item_key(text=text, article=article)
    if not key or not ref:
        return None
    at = at or timezone.now()
    item = DemandItem.objects.select_for_update().filter(key=key).first()
    created = item is None
    if created:
        item = DemandItem(
            key=key,
            label=text if article is None else tidy(article.title),
            page=article,
            first_seen_at=at,
            last_seen_at=at,
        )
        item.heat = ranking.heat_add(None, at, ranking.WEIGHTS[source])
        item.full_clean()
        item.save()
        _open_count_changed()
    signal = DemandSignal(
        item=item,
        source=source,
        ref=ref[:255],
        text=text,
        site=site,
        page=page,
        anchor=anchor[:140],
        at=at,
    )
    try:
        with transaction.atomic():
            signal.full_clean(validate_constraints=False)
            signal.save()
    except IntegrityError:  # the same event, fed twice
        return item
    if not created:
        item.heat = ranking.heat_add(item.heat, at, ranking.WEIGHTS[source])
        item.first_seen_at = min(item.first_seen_at, at)
        item.last_seen_at = max(item.last_seen_at, at)
    if source == Source.WANTED and not item.wanted and article is None:
        item.label = text  # an article title is the best draft title
    setattr(item, COUNTERS[source], getattr(item, COUNTERS[source]) + 1)
    if item.status == DemandItem.Status.ANSWERED and at > item.closed_at:
        _reopen(item, by=None, reason=source)
    item.save()
    return item


def _reopen(item: DemandItem, *, by, reason: str) -> None:
    """Open again (in memory; the caller saves): audited with what it was."""
    audit_log(
        actor=by,
        action="demand.reopen",
        target=item,
        changes={
            "was": item.closed_how,
            "answered_by": item.answered_by_id,
            "because": reason,
        },
    )
    item.status = DemandItem.Status.OPEN
    item.closed_at = item.closed_by = item.answered_by = None
    item.closed_how = item.close_note = ""
    _open_count_changed()


@transaction.atomic
def demand_unnote(*, source: str, ref: str) -> None:
    """The event is withdrawn (a "not helpful" vote turned helpful, a red
    link removed): its signal goes, the item is recounted, and an open item
    with nothing left behind it leaves the queue."""
    signal = (
        DemandSignal.objects.select_related("item").filter(source=source, ref=ref)
    ).first()
    if signal is None:
        return
    item = DemandItem.objects.select_for_update().get(pk=signal.item_id)
    signal.delete()
    if not item.signals.exists() and item.is_open and item.draft_id is None:
        item.delete()
        _open_count_changed()
        return
    _recount(item)


def _recount(item: DemandItem) -> None:
    counts = dict(item.signals.values_list("source").annotate(n=Count("pk")).order_by())
    for source, counter in COUNTERS.items():
        setattr(item, counter, counts.get(source, 0))
    rows = list(item.signals.values_list("at", "source"))
    item.heat = ranking.heat_of((at, ranking.WEIGHTS[src]) for at, src in rows)
    if rows:
        item.first_seen_at = min(at for at, _src in rows)
        item.last_seen_at = max(at for at, _src in rows)
    item.save()


# -- closing ----------------------------------------------------------------------


def _close(item: DemandItem, *, status, how, by=None, page=None, note="") -> None:
    item.status = status
    item.closed_how = how
    item.closed_by = by if getattr(by, "is_authenticated", False) else None
    item.closed_at = timezone.now()
    item.answered_by = page
    item.close_note = tidy(note)
    item.full_clean()
    item.save()
    _open_count_changed()
    audit_log(
        actor=by,
        action=(
            "demand.dismiss"
            if status == DemandItem.Status.DISMISSED
            else "demand.close"
        ),
        target=item,
        changes={
            "how": how,
            "answered_by": page.pk if page is not None else None,
            "answered_by_title": page.title if page is not None else "",
            "note": item.close_note,
        },
    )


def _locked(item: DemandItem) -> DemandItem:
    return DemandItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def demand_dismiss(*, item: DemandItem, by, reason: str = "") -> DemandItem:
    """Not something the encyclopédie should answer ("test", a typo storm)."""
    item = _locked(item)
    _close(
        item,
        status=DemandItem.Status.DISMISSED,
        how=DemandItem.Closed.DISMISSED,
        by=by,
        note=reason,
    )
    return item


@transaction.atomic
def demand_mark_answered(*, item: DemandItem, page, by, note: str = "") -> DemandItem:
    """An editor says which article answers it."""
    item = _locked(item)
    _close(
        item,
        status=DemandItem.Status.ANSWERED,
        how=DemandItem.Closed.ARTICLE,
        by=by,
        page=page,
        note=note,
    )
    return item


@transaction.atomic
def demand_reopen(*, item: DemandItem, by) -> DemandItem:
    item = _locked(item)
    if item.is_open:
        return item
    _reopen(item, by=by, reason="editor")
    item.save()
    return item


@transaction.atomic
def demand_close_answered(
    *, item: DemandItem, how: str, page, note: str = "", by=None
) -> DemandItem:
    """Closed because an article now answers it (the daily review, a
    published draft, a synonym that made it findable): recorded by what."""
    item = _locked(item)
    if not item.is_open:
        return item
    _close(
        item,
        status=DemandItem.Status.ANSWERED,
        how=how,
        by=by,
        page=page,
        note=note,
    )
    return item


# -- actions that answer ------------------------------------------------------------


def draft_title(item: DemandItem) -> str:
    """The question as an article title: "délai de livraison ?" → "Délai de
    livraison" (the editor renames it as they like)."""
    title = item.label.strip().rstrip("?!. ").strip() or item.label
    return title[:1].upper() + title[1:]


@transaction.atomic
def demand_write(*, item: DemandItem, category, by):
    """A draft article for the item (its title from the question, the ways
    people asked listed in it), remembered on the item: publishing it closes
    the item. An existing draft of that title is reused."""
    from wiki.drafts import article_draft_for_questions

    item = _locked(item)
    questions = list(
        dict.fromkeys(
            item.signals.exclude(source=Source.WANTED).values_list("text", flat=True)[
                :50
            ]
        )
    )[:10]
    page = article_draft_for_questions(
        title=draft_title(item), category=category, questions=questions, by=by
    )
    item.draft = page
    item.save(update_fields=["draft"])
    audit_log(
        actor=by,
        action="demand.write",
        target=item,
        changes={"draft": page.pk, "title": page.title, "category": category.pk},
    )
    return page


def demand_drafts_published(*, page_id: int) -> int:
    """The drafts written for items were published: those items are answered."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return 0
    items = list(
        DemandItem.objects.filter(draft_id=page_id, status=DemandItem.Status.OPEN)
    )
    for item in items:
        demand_close_answered(
            item=item, how=DemandItem.Closed.WRITTEN, page=page, note=page.title
        )
    return len(items)


@transaction.atomic
def demand_add_synonym(
    *, item: DemandItem, term: str, expansions: str, two_way: bool = False, by
):
    """Teach the search a word people use; the item closes at once when the
    question now finds a good answer (else it stays open, the synonym kept)."""
    from wiki.drafts import synonym_add

    synonym = synonym_add(term=term, expansions=expansions, two_way=two_way, by=by)
    audit_log(
        actor=by,
        action="demand.synonym",
        target=item,
        changes={"term": synonym.term, "expansions": synonym.expansions},
    )
    from .review import review_now

    return synonym, review_now(item, how=DemandItem.Closed.SYNONYM, by=by)
