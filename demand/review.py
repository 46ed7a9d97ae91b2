"""Items that close by themselves: the daily review re-asks every open item
and closes those an article now answers, saying by what.

- an article now bears the item's title (a red link's article was written, or
  an article is titled the way people ask: "Délais de livraison") — the only
  way an item made of red links and requests alone closes by itself;
- an article voted unhelpful as a whole has been published again since;
- the answer engine's best passage now answers the question well. Customer
  questions need a passage customers may read (`public_only`), and a passage
  people voted down does not count until its article is published again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .keys import WORD_RE, fold, question_key
from .models import DemandItem, Source
from .services import demand_close_answered

# Share of the question's meaningful words a passage other than the engine's
# best must contain to count as an answer (scores are a ranking, not a
# probability; the engine's confidence is about its best passage only).
MIN_COVERAGE = 0.67


@dataclass(frozen=True)
class Found:
    page_id: int
    title: str
    heading: str
    anchor: str
    score: float

    def describe(self) -> str:
        where = (
            self.title
            if self.heading in ("", self.title)
            else (f"{self.title} — {self.heading}")
        )
        return f"{where} ({self.score:.2f})"


def _stems(text: str) -> set[str]:
    return set(question_key(text).split())


def covers(question: str, passage) -> bool:
    """Does the passage hold (most of) the question's words? Prefixes count
    ("galva" in "galvanisé"), so light inflection does not miss."""
    wanted = _stems(question)
    if not wanted:
        return False
    words = set(
        WORD_RE.findall(fold(f"{passage.title} {passage.heading} {passage.text}"))
    )
    found = sum(
        1
        for stem in wanted
        if any(w.startswith(stem[: max(4, len(stem) - 1)]) for w in words)
    )
    return found / len(wanted) >= MIN_COVERAGE


def is_good(answer, passage, *, rank: int) -> bool:
    """The engine's own confidence for its best passage; a later one (the
    best was voted down) must hold most of the question's words."""
    if rank == 0:
        return bool(answer.confident)
    return covers(answer.suggestion or answer.query, passage)


def _voted_down(item: DemandItem) -> dict[tuple[int, str], datetime]:
    votes: dict[tuple[int, str], datetime] = {}
    # A customer's "no" is a customer signal naming the passage (with its site).
    for page_id, anchor, at in item.signals.filter(
        source__in=[Source.NOT_HELPFUL, Source.CUSTOMER], page__isnull=False
    ).values_list("page_id", "anchor", "at"):
        key = (page_id, anchor)
        votes[key] = max(at, votes.get(key, at))
    return votes


def answering_passage(
    item: DemandItem, *, published: dict[int, datetime] | None = None
):
    """The passage that answers the item now, or None."""
    from wiki.answers import ask

    public_only = item.customers > 0
    answer = ask(item.label, public_only=public_only, limit=5)
    down = _voted_down(item)
    published = (
        published
        if published is not None
        else _published_at([p.page_id for p in answer.passages])
    )
    for rank, passage in enumerate(answer.passages):
        voted = down.get((passage.page_id, passage.anchor))
        if voted and published.get(passage.page_id, voted) <= voted:
            continue  # the same text people said did not help
        if is_good(answer, passage, rank=rank):
            return Found(
                passage.page_id,
                passage.title,
                passage.heading,
                passage.anchor,
                passage.score,
            )
        break  # the best remaining passage is not good enough: nothing is
    return None


def _published_at(page_ids) -> dict[int, datetime]:
    from wagtail.models import Page

    return dict(
        Page.objects.filter(pk__in=list(page_ids), live=True).values_list(
            "pk", "last_published_at"
        )
    )


def _articles_by_key() -> dict[str, object]:
    from wiki.selectors.demand import live_article_titles

    found = {}
    for pk, title in live_article_titles():
        found.setdefault(f"q:{question_key(title)}", (pk, title))
    return found


def demand_review(*, limit: int | None = None) -> dict:
    """Re-ask the open items, hottest first; close the answered ones."""
    from wagtail.models import Page

    titles = _articles_by_key()
    items = DemandItem.objects.filter(status=DemandItem.Status.OPEN).order_by("-heat")
    checked = closed = 0
    for item in items[:limit] if limit else items:
        checked += 1
        how, page, note = _answer_for(item, titles)
        if page is None:
            continue
        demand_close_answered(
            item=item, how=how, page=Page.objects.get(pk=page), note=note
        )
        closed += 1
    return {"checked": checked, "closed": closed}


def _answer_for(item: DemandItem, titles: dict) -> tuple[str, int | None, str]:
    if item.page_id is not None:  # an article voted unhelpful as a whole
        published = _published_at([item.page_id]).get(item.page_id)
        if published and published > item.last_seen_at:
            return DemandItem.Closed.REVISED, item.page_id, ""
        return "", None, ""
    by_title = titles.get(item.key)
    if by_title is not None and not item.customers:
        return DemandItem.Closed.TITLE, by_title[0], by_title[1]
    if item.wanted and not (item.searches or item.not_helpful or item.customers):
        return "", None, ""  # a red link asks for that article, not any passage
    found = answering_passage(item)
    if found is not None:
        return DemandItem.Closed.AUTO, found.page_id, found.describe()
    return "", None, ""


def review_now(item: DemandItem, *, how: str, by=None) -> DemandItem:
    """Re-ask one item right away (after a synonym was added): closed with
    `how` when it is now answered."""
    from wagtail.models import Page

    found = answering_passage(item)
    if found is None:
        return item
    return demand_close_answered(
        item=item,
        how=how,
        page=Page.objects.get(pk=found.page_id),
        note=found.describe(),
        by=by,
    )
