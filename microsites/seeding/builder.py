"""Bulk creation of page trees: the demo has 80 sites of 7–10 pages (and the
benchmark 80 × 50), which Wagtail's add_child (several queries, a revision and
index updates per page) makes slow. Here the tree paths are computed once, base
`Page` rows go in with one bulk INSERT, each specific row with one INSERT
(`save_base(raw=True)`: no parent save, no index signals), then the reference and
search indexes are updated in bulk for the new pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page, ReferenceIndex


@dataclass
class PageSpec:
    """A page to create: the unsaved specific instance and its children."""

    page: Page
    children: list[PageSpec] = field(default_factory=list)
    after_insert: list = field(default_factory=list)  # callables(page)


def _next_position(parent: Page) -> int:
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


class TreeBuilder:
    def __init__(self, parent: Page):
        self.root = Page.objects.get(pk=parent.pk)  # fresh path and children
        self.position = _next_position(self.root)
        self.locale = Locale.get_default()
        self.now = timezone.now()

    def _layout(self, spec, path, depth, url_path, flat):
        page = spec.page
        page.path, page.depth = path, depth
        page.numchild = len(spec.children)
        page.url_path = f"{url_path}{page.slug}/"
        page.content_type = ContentType.objects.get_for_model(page)
        page.locale = self.locale
        page.live, page.has_unpublished_changes = True, False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = self.now
        flat.append(spec)
        for number, child in enumerate(spec.children, start=1):
            self._layout(
                child,
                Page._get_path(path, depth + 1, number),
                depth + 1,
                page.url_path,
                flat,
            )

    def insert_sites(self, homes: list[PageSpec]) -> list[Page]:
        """Insert each home (with its subtree) as a new child of the parent."""
        flat: list[PageSpec] = []
        depth = self.root.depth + 1
        for home in homes:
            path = Page._get_path(self.root.path, depth, self.position)
            self.position += 1
            self._layout(home, path, depth, self.root.url_path, flat)
        base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        bases = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(spec.page, f.attname) for f in base_fields})
                for spec in flat
            ]
        )
        for spec, base in zip(flat, bases, strict=True):
            spec.page.id = spec.page.page_ptr_id = base.pk
            spec.page.save_base(raw=True, force_insert=True)
            for callback in spec.after_insert:
                callback(spec.page)
        # count by path: treebeard's get_children_count() trusts the stale numchild
        children = Page.objects.filter(
            depth=depth, path__startswith=self.root.path
        ).count()
        Page.objects.filter(pk=self.root.pk).update(numchild=children)
        return [home.page for home in homes]


def index_pages(pages: list[Page]) -> None:
    """Reference index (where-used of product facts) and search index."""
    from modelsearch.backends import get_search_backend

    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    backend = get_search_backend()
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, objects in by_model.items():
        backend.add_bulk(model, objects)
