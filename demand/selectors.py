"""Reads of the demand queue, and who may work it."""

from __future__ import annotations

from django.core.cache import cache

from hub import roles

from .models import DemandItem, DemandSignal, Source

MODERATORS = "Moderators"  # Wagtail's reviewers group (the wiki's review workflow)
OPEN_COUNT_CACHE = "demand:open-count"
OPEN_COUNT_SECONDS = 60


def can_work_queue(user) -> bool:
    """Editors and moderators (who write and review the encyclopédie)."""
    return roles.is_editor(user) or roles.has_role(user, MODERATORS)


def demand_queue(*, status: str = DemandItem.Status.OPEN, source: str = ""):
    """Items by heat (frequency with recency), the hottest first."""
    items = DemandItem.objects.filter(status=status).select_related(
        "answered_by", "closed_by", "draft"
    )
    if source in Source.values:
        field = {
            Source.SEARCH: "searches",
            Source.NOT_HELPFUL: "not_helpful",
            Source.CUSTOMER: "customers",
            Source.WANTED: "wanted",
        }[Source(source)]
        items = items.filter(**{f"{field}__gt": 0})
    if status == DemandItem.Status.OPEN:
        return items.order_by("-heat", "-last_seen_at", "pk")
    return items.order_by("-closed_at", "-pk")


def demand_counts() -> dict[str, int]:
    rows = DemandItem.objects.values_list("status").order_by()
    counts = dict.fromkeys(DemandItem.Status.values, 0)
    for (status,) in rows:
        counts[status] += 1
    return counts


def open_count() -> int:
    """Open items, for the header badge (cached a minute: it is on every page
    an editor opens; the services forget it when the count changes)."""
    count = cache.get(OPEN_COUNT_CACHE)
    if count is None:
        count = DemandItem.objects.filter(status=DemandItem.Status.OPEN).count()
        cache.set(OPEN_COUNT_CACHE, count, OPEN_COUNT_SECONDS)
    return count


def item_signals(item: DemandItem, *, limit: int = 50):
    """What people typed, where and when, newest first."""
    return item.signals.select_related("site", "page").order_by("-at", "-pk")[:limit]


def item_wordings(item: DemandItem, *, limit: int = 8) -> list[tuple[str, int]]:
    """The distinct ways it was asked, most frequent first."""
    counts: dict[str, int] = {}
    for text in item.signals.values_list("text", flat=True)[:500]:
        counts[text] = counts.get(text, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def item_sites(item: DemandItem) -> list[str]:
    return list(
        DemandSignal.objects.filter(item=item, site__isnull=False)
        .values_list("site__site_name", flat=True)
        .distinct()
        .order_by("site__site_name")
    )


def article_candidates(*, query: str, limit: int = 8):
    """Articles an editor may pick as the answer (search as you type)."""
    from wiki.selectors import article_autocomplete

    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return []
    return article_autocomplete(query=query, limit=limit)


def writable_categories(user):
    """Wiki categories the editor may add an article to."""
    from wiki.models import WikiCategoryPage

    categories = WikiCategoryPage.objects.live().order_by("title")
    return [c for c in categories if c.permissions_for_user(user).can_add_subpage()]


def suggested_articles(item: DemandItem, *, limit: int = 5):
    """What the answer engine finds for the question now: the first
    candidates offered before the editor types anything."""
    from wiki.answers import ask
    from wiki.models import ArticlePage

    ids = [p.page_id for p in ask(item.label, limit=limit).passages]
    pages = ArticlePage.objects.live().in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]
