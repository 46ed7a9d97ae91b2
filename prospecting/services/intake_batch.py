"""`lead_intake_batch`: the intake for many rows at once (CSV import).

Same normalisation (`intake._clean_*`) and the same duplicate rules as
`lead_intake` (SIREN, e-mail, phone, company domain; open leads capture a find,
a closed lead's company is reused), but a batch costs a handful of queries: the
duplicate lookups are done per signal for the whole batch, rows that repeat one
another inside the batch are caught in memory, and creations are bulk inserts.
One audit entry records the batch with every lead it created or touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import normalize
from ..models import Activity, Company, Contact, Lead, PipelineStage
from .intake import _clean_company, _clean_contact, _clean_source_url
from .stages import stage_initial

SIGNALS = ("siren", "email", "phone", "domain")
MATCH_LABELS = {
    "siren": "same SIREN",
    "email": "same e-mail",
    "phone": "same phone",
    "domain": "same company domain",
}


@dataclass
class BatchItem:
    company: dict | str
    contact: dict | None = None
    note: str = ""
    source_url: str = ""
    estimated_value: object = None
    import_key: str = ""
    key: object = None  # the caller's reference (e.g. a line number)


@dataclass
class BatchOutcome:
    key: object
    status: str  # created | merged | skipped | invalid
    lead_id: int | None = None
    reason: str = ""


@dataclass
class _Row:
    item: BatchItem
    company: dict
    contact: dict
    source_url: str
    signals: dict = field(default_factory=dict)
    outcome: BatchOutcome | None = None
    lead: Lead | None = None
    company_obj: Company | None = None
    contact_obj: Contact | None = None
    attach_to: object = None  # a lead id, or the _Row whose lead is created
    new_company: Company | None = None  # validated, unsaved
    new_contact: Contact | None = None


def _prepare(item: BatchItem, now) -> _Row | BatchOutcome:
    """Normalise and validate one item; every error is the row's, never the
    batch's (an invalid row must not abort the others)."""
    errors: dict = {}
    company = _clean_company(item.company, errors)
    contact = _clean_contact(item.contact, errors)
    url = _clean_source_url(item.source_url, errors)
    if errors:
        return BatchOutcome(item.key, "invalid", reason=_errors_text(errors))
    row = _Row(item, company, contact, url)
    row.signals = {
        "siren": company.get("siren", ""),
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "domain": normalize.company_domain(
            company.get("website", ""), contact.get("email", "")
        ),
    }
    try:
        row.new_company = Company(
            **company, domain=row.signals["domain"], created_at=now
        )
        row.new_company.name_key = normalize.name_key(row.new_company.name)
        # Website, SIREN and SIRET went through the normalisers already.
        row.new_company.clean_fields(exclude=["website", "siren", "siret"])
        if contact:
            row.new_contact = Contact(**contact)
            row.new_contact.clean_fields(exclude=["company", "email", "phone"])
        Lead._meta.get_field("estimated_value").clean(item.estimated_value or 0, None)
    except ValidationError as error:
        messages = getattr(error, "message_dict", None) or {"value": error.messages}
        return BatchOutcome(item.key, "invalid", reason=_errors_text(messages))
    return row


def _errors_text(errors: dict) -> str:
    return "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in errors.items())


def _existing(rows: list[_Row]) -> dict:
    """{signal: {value: (lead_id, company_id, is_open, created_at)}}, oldest first."""
    values = {s: {r.signals[s] for r in rows if r.signals[s]} for s in SIGNALS}
    found: dict[str, dict] = {s: {} for s in SIGNALS}
    alive = Lead.objects.alive().order_by("created_at", "pk")
    fields = ("pk", "company_id", "stage__kind", "created_at")
    for signal, path in (("siren", "company__siren"), ("domain", "company__domain")):
        if values[signal]:
            for value, *rest in alive.filter(
                **{f"{path}__in": values[signal]}
            ).values_list(path, *fields):
                _keep(found[signal], value, rest)
    for signal in ("email", "phone"):
        if not values[signal]:
            continue
        by_company: dict[int, list[str]] = {}
        for value, company_id in Contact.objects.filter(
            **{f"{signal}__in": values[signal]}
        ).values_list(signal, "company_id"):
            by_company.setdefault(company_id, []).append(value)
        for company_id, *rest in alive.filter(
            company_id__in=list(by_company)
        ).values_list("company_id", *fields):
            for value in by_company[company_id]:
                _keep(found[signal], value, rest)
    return found


def _keep(table: dict, value, rest) -> None:
    lead_id, company_id, kind, created = rest
    is_open = kind == PipelineStage.Kind.OPEN
    current = table.get(value)
    # An open lead wins over a closed one; then the oldest.
    if current is None or (is_open and not current[2]):
        table[value] = (lead_id, company_id, is_open, created)


def _classify(rows: list[_Row], existing: dict, reasons: dict) -> None:
    pending: dict[tuple[str, str], _Row] = {}
    for row in rows:
        closed_company = None
        for signal in SIGNALS:
            value = row.signals[signal]
            if not value:
                continue
            hit = existing[signal].get(value)
            if hit and hit[2]:
                row.attach_to = hit[0]
                row.outcome = BatchOutcome(
                    row.item.key, "merged", hit[0], reasons[signal]
                )
                break
            if (signal, value) in pending:
                row.attach_to = pending[(signal, value)]
                row.outcome = BatchOutcome(
                    row.item.key, "merged", None, reasons[signal]
                )
                break
            if hit and closed_company is None:
                closed_company = hit[1]
        if row.attach_to is None:
            row.company_obj = closed_company
            for signal in SIGNALS:
                if row.signals[signal]:
                    pending.setdefault((signal, row.signals[signal]), row)


@transaction.atomic
def lead_intake_batch(*, items: list[BatchItem], source: str, by, found_by=None):
    """Intake many rows; returns one BatchOutcome per item, in order."""
    if source not in Lead.Source.values:
        raise ValidationError(
            {"source": [_("Unknown source “%(value)s”.") % {"value": source}]}
        )
    now = timezone.now()
    prepared = [_prepare(item, now) for item in items]
    rows = [p for p in prepared if isinstance(p, _Row)]
    reasons = {s: _(MATCH_LABELS[s]) for s in SIGNALS}
    _classify(rows, _existing(rows), reasons)
    new_rows = [r for r in rows if r.attach_to is None]
    _create(new_rows, source=source, found_by=found_by, now=now)
    _attach([r for r in rows if r.attach_to is not None], source=source, by=by)
    outcomes = [p if isinstance(p, BatchOutcome) else p.outcome for p in prepared]
    created = [r.lead.pk for r in new_rows]
    touched = sorted({o.lead_id for o in outcomes if o.status == "merged"})
    if created or touched:
        audit_log(
            actor=by,
            action="lead.intake_batch",
            changes={"source": source, "created": created, "attached": touched},
        )
    return outcomes


def _create(rows: list[_Row], *, source, found_by, now) -> None:
    if not rows:
        return
    stage = stage_initial()
    fresh = [r for r in rows if r.company_obj is None]
    saved = Company.objects.bulk_create([r.new_company for r in fresh])
    for row, company in zip(fresh, saved, strict=True):
        row.company_obj = company
    for row in rows:
        if isinstance(row.company_obj, int):
            row.company_obj = Company(pk=row.company_obj)
    with_contact = [r for r in rows if r.new_contact is not None]
    for row in with_contact:
        row.new_contact.company_id = row.company_obj.pk
    saved = Contact.objects.bulk_create([r.new_contact for r in with_contact])
    for row, contact in zip(with_contact, saved, strict=True):
        row.contact_obj = contact
    leads = []
    for row in rows:
        lead = Lead(
            company_id=row.company_obj.pk,
            contact_id=row.contact_obj.pk if row.contact_obj else None,
            source=source,
            source_url=row.source_url,
            found_by=found_by if getattr(found_by, "pk", None) else None,
            stage=stage,
            note=str(row.item.note or "")[:10_000],
            estimated_value=row.item.estimated_value or 0,
            import_key=row.item.import_key,
            created_at=now,
            updated_at=now,
            stage_changed_at=now,
            last_activity_at=now,
        )
        lead.clean_fields(
            exclude=[
                "company",
                "contact",
                "stage",
                "found_by",
                "owner",
                "merged_into",
                "source_url",
            ]
        )
        leads.append(lead)
    for row, lead in zip(rows, Lead.objects.bulk_create(leads), strict=True):
        row.lead = lead
        row.outcome = BatchOutcome(row.item.key, "created", lead.pk)


def _attach(rows: list[_Row], *, source, by) -> None:
    """A row that found its lead: its note goes on the lead's timeline (once)."""
    now = timezone.now()
    for row in rows:
        if isinstance(row.attach_to, _Row):
            row.outcome.lead_id = row.attach_to.lead.pk
    with_note = [r for r in rows if r.item.note]
    if not with_note:
        return
    lead_ids = {r.outcome.lead_id for r in with_note}
    known = set(Lead.objects.filter(pk__in=lead_ids).values_list("pk", "note")) | set(
        Activity.objects.filter(lead_id__in=lead_ids).values_list("lead_id", "body")
    )
    activities = []
    for row in with_note:
        pair = (row.outcome.lead_id, row.item.note)
        if pair in known:
            continue
        known.add(pair)
        activities.append(
            Activity(
                lead_id=row.outcome.lead_id,
                kind=Activity.Kind.NOTE,
                author=by if getattr(by, "pk", None) else None,
                body=str(row.item.note)[:10_000],
                occurred_at=now,
                data={"source": source, "row": str(row.item.key)},
            )
        )
    Activity.objects.bulk_create(activities)
    Lead.objects.filter(pk__in={a.lead_id for a in activities}).update(
        last_activity_at=now, updated_at=now
    )
