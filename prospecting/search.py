"""Lead search: an elasticsearch.dsl index when ELASTICSEARCH_URL is set, the
database otherwise. Both answer through `lead_search` with the same shape.

The index is kept in sync by the services (`index_on_commit` after each write)
and rebuilt in bulk by `leads_reindex` (`manage.py reindex_leads`, or the
background task of the same name). Permission filtering happens in
the query (Staff: `found_by_id` = themselves), never after the fact.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Float,
    Integer,
    Keyword,
    TermsFacet,
    Text,
    connections,
)

logger = logging.getLogger(__name__)
ALIAS = "prospecting"
FACETS = ("stage", "source", "region", "owner")


def enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def client():
    """The Elasticsearch client registered under our alias (created once)."""
    try:
        return connections.get_connection(ALIAS)
    except KeyError:
        connections.create_connection(
            alias=ALIAS, hosts=[settings.ELASTICSEARCH_URL], request_timeout=5
        )
        return connections.get_connection(ALIAS)


class LeadDocument(Document):
    company = Text(analyzer="french", fields={"raw": Keyword()})
    contact = Text(analyzer="french")
    email = Keyword()
    note = Text(analyzer="french")
    activities = Text(analyzer="french")
    city = Text(analyzer="french")
    domain = Keyword()
    stage = Keyword()
    source = Keyword()
    region = Keyword()
    owner = Keyword()
    found_by_id = Integer()
    estimated_value = Float()
    created_at = Date()
    alive = Keyword()

    class Index:
        name = settings.LEAD_INDEX_NAME
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_lead(cls, lead, activity_texts=(), people=()) -> LeadDocument:
        """`people`: every contact of the lead's company (name, e-mail), so each
        person who wrote is found, not only the lead's main contact."""
        contact = lead.contact
        people = list(people) or ([contact] if contact else [])
        return cls(
            meta={"id": lead.pk},
            company=lead.company.name,
            contact=" ".join(p.full_name for p in people if p.full_name),
            email=[p.email for p in people if p.email],
            note=lead.note,
            activities=" ".join(activity_texts)[:20_000],
            city=lead.company.city,
            domain=lead.company.domain,
            stage=lead.stage.key,
            source=lead.source,
            region=lead.company.region,
            owner=lead.owner.username if lead.owner_id else "",
            found_by_id=lead.found_by_id,
            estimated_value=float(lead.estimated_value),
            created_at=lead.created_at,
            alive="yes"
            if lead.deleted_at is None and not lead.merged_into_id
            else "no",
        )


class LeadFacetedSearch(FacetedSearch):
    doc_types = [LeadDocument]
    index = settings.LEAD_INDEX_NAME
    fields = ["company^3", "contact^2", "email", "note", "activities", "city"]
    facets = {
        "stage": TermsFacet(field="stage"),
        "source": TermsFacet(field="source"),
        "region": TermsFacet(field="region", size=30),
        "owner": TermsFacet(field="owner", size=30),
    }

    def __init__(self, query=None, filters=None, *, found_by_id=None, using=ALIAS):
        self.using = using
        self.found_by_id = found_by_id
        super().__init__(query, filters or {})

    def search(self):
        search = super().search().filter("term", alive="yes")
        if self.found_by_id is not None:
            search = search.filter("term", found_by_id=self.found_by_id)
        return search


@dataclass
class SearchResult:
    leads: list
    total: int
    facets: dict[str, list[tuple[str, int, bool]]] = field(default_factory=dict)
    backend: str = "database"


def _documents(leads):
    from .models import Activity, Contact

    texts: dict[int, list[str]] = {}
    for lead_id, body in Activity.objects.filter(
        lead__in=[lead.pk for lead in leads]
    ).values_list("lead_id", "body"):
        texts.setdefault(lead_id, []).append(body)
    people: dict[int, list] = {}
    for person in Contact.objects.filter(
        company_id__in={lead.company_id for lead in leads}
    ).only("company_id", "first_name", "last_name", "email"):
        people.setdefault(person.company_id, []).append(person)
    return [
        LeadDocument.from_lead(
            lead, texts.get(lead.pk, ()), people.get(lead.company_id, ())
        )
        for lead in leads
    ]


def index_leads(leads) -> int:
    from elasticsearch.helpers import bulk

    docs = _documents(list(leads))
    if not docs:
        return 0
    actions = (doc.to_dict(include_meta=True) for doc in docs)
    success, _errors = bulk(client(), actions, index=settings.LEAD_INDEX_NAME)
    return success


def index_lead_ids(ids) -> None:
    from .models import Lead

    try:
        leads = Lead.objects.filter(pk__in=ids).select_related(
            "company", "contact", "stage", "owner"
        )
        index_leads(leads)
    except Exception:
        logger.warning("Lead index update failed for %s", ids, exc_info=True)


def index_on_commit(lead_id: int) -> None:
    if enabled():
        transaction.on_commit(lambda: index_lead_ids([lead_id]))


def index_create(*, delete_existing: bool = False) -> None:
    index = LeadDocument._index
    if delete_existing and index.exists(using=ALIAS):
        index.delete(using=ALIAS)
    if not index.exists(using=ALIAS):
        LeadDocument.init(using=ALIAS)


REINDEX_CHUNK = 1000


def leads_reindex(*, on_chunk=None) -> int:
    """Recreate the index and index every lead, a chunk at a time (keyset
    pagination: no OFFSET scans); `on_chunk(done, total)` reports progress."""
    from .models import Lead

    if not enabled():
        raise RuntimeError(
            "ELASTICSEARCH_URL is not set: lead search uses the database, "
            "nothing to index."
        )
    client()
    index_create(delete_existing=True)
    queryset = Lead.objects.select_related(
        "company", "contact", "stage", "owner"
    ).order_by("pk")
    total = queryset.count()
    done, last = 0, 0
    while chunk := list(queryset.filter(pk__gt=last)[:REINDEX_CHUNK]):
        done += index_leads(chunk)
        last = chunk[-1].pk
        if on_chunk:
            on_chunk(done, total)
    LeadDocument._index.refresh(using=ALIAS)
    return done


def lead_search(*, user, q: str = "", filters: dict | None = None, size: int = 50):
    """Full-text search among the leads `user` may see, with facet counts."""
    from . import selectors

    if not selectors.lead_visible_to(user).query.is_empty() and enabled():
        client()
        found_by = None if selectors.can_work_all(user) else user.pk
        return _es_search(q, filters or {}, found_by, size)
    return _db_search(user, q, filters or {}, size)


def _es_search(q, filters, found_by_id, size) -> SearchResult:
    from .models import Lead
    from .selectors import LEAD_RELATED

    clean = {k: v for k, v in filters.items() if k in FACETS and v}
    faceted = LeadFacetedSearch(q or None, clean, found_by_id=found_by_id)
    response = faceted[0:size].execute()
    ids = [int(hit.meta.id) for hit in response]
    by_id = Lead.objects.select_related(*LEAD_RELATED).in_bulk(ids)
    leads = [by_id[i] for i in ids if i in by_id]
    facets = {
        name: [(str(v), int(c), bool(s)) for v, c, s in getattr(response.facets, name)]
        for name in FACETS
    }
    return SearchResult(leads, response.hits.total.value, facets, "elasticsearch")


def _db_search(user, q, filters, size) -> SearchResult:
    from . import selectors

    base = selectors.lead_filter(
        selectors.lead_visible_to(user), user=user, filters={"q": q}
    )
    facet_fields = {
        "stage": "stage__key",
        "source": "source",
        "region": "company__region",
        "owner": "owner__username",
    }
    filtered = base
    for name, path in facet_fields.items():
        if filters.get(name):
            filtered = filtered.filter(**{path: filters[name]})
    facets = {}
    for name, path in facet_fields.items():
        rows = (
            filtered.order_by()
            .exclude(**{f"{path}__isnull": True})
            .exclude(**{path: ""})
            .values_list(path)
            .annotate(n=Count("pk"))
            .order_by("-n", path)[:30]
        )
        facets[name] = [(str(v), n, filters.get(name) == v) for v, n in rows]
    leads = list(
        filtered.select_related(*selectors.LEAD_RELATED).order_by(
            "-last_activity_at", "-pk"
        )[:size]
    )
    return SearchResult(leads, filtered.count(), facets, "database")
