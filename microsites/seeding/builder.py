"""Bulk creation of page trees: the demo has 80 sites of 7–10 pages (and the
benchmark 80 × 50), which Wagtail's add_child (several queries, a revision and
index updates per page) makes slow. Here the tree paths are computed once, base
`Page` rows go in with one bulk INSERT, the specific rows with one multi-row INSERT
per page type (no parent save, no signals), then the reference and search indexes
are filled in bulk. The number of queries depends on the number of page types and
sites, not on the number of pages (tests/microsites/test_seed.py holds it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import prefetch_related_objects
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, ReferenceIndex


@dataclass
class PageSpec:
    """A page to create: the unsaved specific instance and its children."""

    page: Page
    children: list[PageSpec] = field(default_factory=list)


def _next_position(parent: Page) -> int:
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def _insert_specific_rows(model: type[Page], pages: list[Page]) -> None:
    """INSERT the child-table rows (page_ptr_id + the type's own fields) of
    already inserted base rows. `bulk_create` refuses multi-table models, and
    `save_base(raw=True)` costs one INSERT per page; `_insert` is what both use
    underneath, fields prepared the same way (pre_save, get_db_prep_save)."""
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start : start + size], fields=fields)


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
            spec.page._state.adding = False
        for model, pages in _by_model([spec.page for spec in flat]).items():
            _insert_specific_rows(model, pages)
        # count by path: treebeard's get_children_count() trusts the stale numchild
        children = Page.objects.filter(
            depth=depth, path__startswith=self.root.path
        ).count()
        Page.objects.filter(pk=self.root.pk).update(numchild=children)
        return [home.page for home in homes]


def _by_model(pages: list[Page]) -> dict[type[Page], list[Page]]:
    by_model: dict[type[Page], list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    return by_model


def _index_references(pages: list[Page]) -> None:
    """What `ReferenceIndex.create_or_update_for_object` writes for a page that
    has no index rows yet (a new pk: nothing to compare or delete), for every
    page in one bulk INSERT. Child relations (comments, form fields), which the
    extraction walks page by page, are prefetched: one query per relation and
    page type instead of one per page."""
    base_type = ContentType.objects.get_for_model(Page)
    rows = []
    for model, objects in _by_model(pages).items():
        prefetch_related_objects(
            objects,
            *(
                relation.get_accessor_name()
                for relation in get_all_child_relations(model)
            ),
        )
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=False
        )
        for page in objects:
            references = set(ReferenceIndex._extract_references_from_object(page))
            rows += [
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_type,
                    object_id=page.pk,
                    to_content_type_id=to_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(
                        content_path
                    ),
                )
                for to_type_id, to_object_id, model_path, content_path in sorted(
                    references
                )
            ]
    ReferenceIndex.objects.bulk_create(rows)


def index_pages(pages: list[Page]) -> None:
    """Reference index (where-used of product facts) and search index, in bulk
    per page type; call once the pages' related rows exist."""
    from modelsearch.backends import get_search_backend

    _index_references(pages)
    backend = get_search_backend()
    for model, objects in _by_model(pages).items():
        backend.add_bulk(model, objects)
