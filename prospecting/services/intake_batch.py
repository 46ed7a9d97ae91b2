"""`lead_intake_batch`: the intake for many rows at once (CSV import).

Same normalisation (`intake.clean_*`) and the same duplicate signals as
`lead_intake` (`prospecting.dedupe`: a strong identity — SIREN, e-mail, phone —
captures the row on the open lead, a closed lead's company is reused; weak ones
flag the new lead for review), but a batch costs a handful of queries: the
lookups are done per signal for the whole batch, rows that repeat one another
inside the batch are caught in memory, and creations are bulk inserts. Each
row as read is kept (`Lead.received`, or on the timeline when attached). One
audit entry records the batch with every lead it created or touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hub.services import audit_log

from .. import dedupe, normalize
from ..attribution import stamp as stamp_attribution
from ..models import Activity, Company, Contact, DuplicateFlag, Lead
from . import people
from .intake_input import (
    clean_company,
    clean_contact,
    clean_source_url,
    received_as,
)
from .stages import stage_initial

SIGNALS = dedupe.STRONG


@dataclass
class BatchItem:
    company: dict | str
    contact: dict | None = None
    note: str = ""
    source_url: str = ""
    estimated_value: object = None
    import_key: str = ""
    key: object = None  # the caller's reference (e.g. a line number)
    received: dict | None = None  # the row as read (column → value)


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
    identity: dedupe.Identity | None = None
    found: dedupe.Signals | None = None
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
    company = clean_company(item.company, errors)
    contact = clean_contact(item.contact, errors)
    url = clean_source_url(item.source_url, errors)
    if errors:
        return BatchOutcome(item.key, "invalid", reason=errors_in_words(errors))
    row = _Row(item, company, contact, url)
    row.identity = dedupe.Identity.of(company, contact)
    row.signals = {s: getattr(row.identity, s) for s in SIGNALS}
    try:
        row.new_company = Company(**company, domain=row.identity.domain, created_at=now)
        row.new_company.name_key = normalize.name_key(row.new_company.name)
        row.new_company.clean_fields(exclude=_company_checked_already())
        if contact:
            row.new_contact = Contact(**contact)
            row.new_contact.clean_fields(exclude=["company", "email", "phone"])
        Lead._meta.get_field("estimated_value").clean(item.estimated_value or 0, None)
    except ValidationError as error:
        messages = getattr(error, "message_dict", None) or {"value": error.messages}
        return BatchOutcome(item.key, "invalid", reason=errors_in_words(messages))
    return row


def _all_but(model, checked: set[str]) -> list[str]:
    return [f.name for f in model._meta.fields if f.name not in checked]


@cache
def _company_checked_already() -> list[str]:
    """Company fields `clean_fields` may skip: website, SIREN and SIRET went
    through the normalisers, the texts were cut to their column's size
    (`clean_company`), the date is ours. Left: the name (it may come from a
    long website), its key and the web domain, both derived from longer input."""
    return _all_but(Company, {"name", "name_key", "domain"})


@cache
def _lead_checked_already() -> list[str]:
    """Lead fields `clean_fields` may skip: relations and dates are set here,
    the source was checked once for the batch, the value in `_prepare`, the
    received row was bounded by `received_as`. Left: what a caller passes."""
    return _all_but(Lead, {"note", "import_key"})


# How a row's problem reads in the import report: the column a person knows.
FIELD_WORDS = {
    "name": _lazy("Company name"),
    "company": _lazy("Company name"),
    "website": _lazy("Website"),
    "siren": "SIREN",
    "siret": "SIRET",
    "email": _lazy("E-mail"),
    "phone": _lazy("Phone"),
    "source_url": _lazy("URL"),
    "postal_code": _lazy("Postcode"),
    "estimated_value": _lazy("Estimated value"),
    "value": _lazy("Value"),
}


def errors_in_words(errors: dict) -> str:
    """{"name": ["…"], "phone": ["…"]} → "Company name: …; Phone: …"."""
    return "; ".join(
        _("%(field)s: %(problem)s")
        % {
            "field": FIELD_WORDS.get(key, key),
            "problem": " ".join(str(m) for m in messages),
        }
        for key, messages in errors.items()
    )


def _classify(rows: list[_Row]) -> None:
    """Attach each row to its customer's open lead (found in the database, or a
    row before it in this batch), or mark it new (maybe on a known company)."""
    found = dedupe.duplicate_signals([r.identity for r in rows], loose_names=False)
    pending: dict[tuple[str, str], _Row] = {}
    for row, signals in zip(rows, found, strict=True):
        row.found = signals
        if signals.strong is not None:
            row.attach_to = signals.strong.lead_id
            row.outcome = BatchOutcome(
                row.item.key,
                "merged",
                signals.strong.lead_id,
                str(dedupe.LABELS[signals.strong.signals[0]]),
            )
            continue
        earlier = next(
            (
                (signal, pending[(signal, row.signals[signal])])
                for signal in SIGNALS
                if row.signals[signal] and (signal, row.signals[signal]) in pending
            ),
            None,
        )
        if earlier is not None:
            signal, first = earlier
            row.attach_to = first
            row.outcome = BatchOutcome(
                row.item.key, "merged", None, str(dedupe.LABELS[signal])
            )
            continue
        if signals.closed is not None:
            row.company_obj = signals.closed.company_id
        for signal in SIGNALS:
            if row.signals[signal]:
                pending.setdefault((signal, row.signals[signal]), row)


@transaction.atomic
def lead_intake_batch(
    *, items: list[BatchItem], source: str, by, found_by=None, import_job_id=None
):
    """Intake many rows; returns one BatchOutcome per item, in order."""
    if source not in Lead.Source.values:
        raise ValidationError(
            {"source": [_("Unknown source “%(value)s”.") % {"value": source}]}
        )
    now = timezone.now()
    prepared = [_prepare(item, now) for item in items]
    rows = [p for p in prepared if isinstance(p, _Row)]
    _classify(rows)
    new_rows = [r for r in rows if r.attach_to is None]
    _create(
        new_rows, source=source, found_by=found_by, now=now, import_job_id=import_job_id
    )
    _flag(new_rows)
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


def _create(rows: list[_Row], *, source, found_by, now, import_job_id=None) -> None:
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
    unchecked = _lead_checked_already()
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
            import_job_id=import_job_id,
            received=received_as(row.item.received or _as_given(row.item)),
            created_at=now,
            updated_at=now,
            stage_changed_at=now,
            last_activity_at=now,
        )
        stamp_attribution(lead)
        lead.clean_fields(exclude=unchecked)
        leads.append(lead)
    for row, lead in zip(rows, Lead.objects.bulk_create(leads), strict=True):
        row.lead = lead
        row.outcome = BatchOutcome(row.item.key, "created", lead.pk)


def _as_given(item: BatchItem) -> dict:
    return {"company": item.company, "contact": item.contact, "note": item.note}


def _flag(rows: list[_Row]) -> None:
    """New leads that look like existing ones: flagged for a person to review,
    and the row's outcome says so."""
    flags = []
    for row in rows:
        for hit in row.found.weak:
            flags.append(
                DuplicateFlag(lead=row.lead, other_id=hit.lead_id, signals=hit.signals)
            )
        if row.found.weak:
            row.outcome.reason = _(
                "possible duplicate of lead %(ids)s (%(reasons)s), to review"
            ) % {
                "ids": ", ".join(f"#{h.lead_id}" for h in row.found.weak),
                "reasons": row.found.weak[0].reasons(),
            }
    DuplicateFlag.objects.bulk_create(flags, ignore_conflicts=True)


def _attach(rows: list[_Row], *, source, by) -> None:
    """A row that found its customer: the row as read goes on the lead's
    timeline (once), and the person in it is one of the company's contacts."""
    now = timezone.now()
    for row in rows:
        if isinstance(row.attach_to, _Row):
            row.outcome.lead_id = row.attach_to.lead.pk
    if not rows:
        return
    leads = Lead.objects.in_bulk({r.outcome.lead_id for r in rows})
    # Everyone in the rows becomes (or is found as) a contact of the lead's
    # company, in one read and bulk writes (`people.contacts_for`).
    persons = people.contacts_for(
        [(leads[r.outcome.lead_id].company_id, r.contact or None) for r in rows]
    )
    bodies = {str(r.item.note or "")[:10_000] for r in rows} - {""}
    known = set(
        Activity.objects.filter(lead_id__in=list(leads), body__in=bodies)
        .order_by()
        .values_list("lead_id", "body")
    ) | {(pk, lead.note) for pk, lead in leads.items()}
    activities = []
    for row, person in zip(rows, persons, strict=True):
        lead = leads[row.outcome.lead_id]
        body = str(row.item.note or "")[:10_000]
        if body and (lead.pk, body) in known:
            continue  # the same row imported again: nothing new to say
        known.add((lead.pk, body))
        activities.append(
            Activity(
                lead_id=lead.pk,
                kind=Activity.Kind.NOTE,
                author=by if getattr(by, "pk", None) else None,
                body=body,
                occurred_at=now,
                data={
                    "source": source,
                    "row": str(row.item.key),
                    "contact_id": person.pk if person else None,
                    "raw": received_as(row.item.received or _as_given(row.item)),
                },
            )
        )
    Activity.objects.bulk_create(activities)
    Lead.objects.filter(pk__in={a.lead_id for a in activities}).update(
        last_activity_at=now, updated_at=now
    )
