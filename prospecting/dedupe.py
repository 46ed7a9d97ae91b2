"""Who is this? The duplicate signals of one or many submissions, in one place.

Every intake — quick add, bookmarklet, API, microsite forms, CSV import — asks
`duplicate_signals` about what it received, and acts on the answer:

- **strong** identity (same SIREN, same e-mail, same E.164 phone) is the same
  customer: the submission is attached to their open lead (or, when their lead
  is won or lost, a new lead reuses their company);
- **weak** signals (same company web domain, a name that reads the same, the
  same postcode with a similar name) only *look* alike: a new lead is created
  and flagged "possible duplicate of #N" for a person to review. Never a silent
  merge: two people of one firm writing from two sites stay two findable people.

Free-mail and ISP domains never count as a company (`normalize.company_domain`).
Lookups are batched per signal (one indexed query each, whatever the number of
submissions). Loose name comparison (typos) costs a query per submission, so
imports compare names exactly (after folding accents, case and legal forms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import normalize
from .models import Company, Contact, Lead, PipelineStage

STRONG = ("siren", "email", "phone")
WEAK = ("domain", "name", "similar_name", "postcode")
LABELS = {
    "siren": _("same SIREN"),
    "email": _("same e-mail"),
    "phone": _("same phone"),
    "domain": _("same company web domain"),
    "name": _("same company name"),
    "similar_name": _("similar company name"),
    "postcode": _("same postcode"),
    "chosen": _("chosen by hand"),
}
SIMILAR_RATIO = 0.85
SIMILAR_NEAR_RATIO = 0.6  # enough when the postcode is the same too
LOOSE_CANDIDATES = 200


@dataclass(frozen=True)
class Identity:
    """What a submission says about who sent it, normalised."""

    siren: str = ""
    email: str = ""
    phone: str = ""
    domain: str = ""
    name_key: str = ""
    postal_code: str = ""

    @classmethod
    def of(cls, company: dict, contact: dict | None = None) -> Identity:
        contact = contact or {}
        return cls(
            siren=company.get("siren", ""),
            email=contact.get("email", ""),
            phone=contact.get("phone", ""),
            domain=normalize.company_domain(
                company.get("website", ""), contact.get("email", "")
            ),
            name_key=normalize.name_key(company.get("name", "")),
            postal_code=(company.get("postal_code", "") or "").replace(" ", ""),
        )


@dataclass
class Hit:
    lead_id: int
    company_id: int
    is_open: bool
    signals: list[str] = field(default_factory=list)

    def reasons(self) -> str:
        return ", ".join(str(LABELS[s]) for s in self.signals)


@dataclass
class Signals:
    strong: Hit | None = None  # an open lead of the same customer: attach
    closed: Hit | None = None  # a won/lost lead of the same customer: reuse company
    weak: list[Hit] = field(default_factory=list)  # look-alikes: flag for review


def _row(values) -> tuple:
    lead_id, company_id, kind, *rest = values
    return lead_id, company_id, kind == PipelineStage.Kind.OPEN, rest


def _alive():
    return Lead.objects.alive().order_by("created_at", "pk")


LEAD_FIELDS = ("pk", "company_id", "stage__kind")
# Where each signal is found: a field of the company, or of one of its contacts.
COMPANY_SIGNALS = {"siren": "siren", "domain": "domain", "name": "name_key"}
CONTACT_SIGNALS = {"email": "email", "phone": "phone"}


def _companies_with(model, fields: dict[str, str], wanted: dict[str, set[str]]):
    """{company id: [(signal, value), …]} of the companies (or their contacts,
    for Contact) holding one of the wanted values: one query for all signals."""
    condition = Q()
    for signal, field_name in fields.items():
        if wanted[signal]:
            condition |= Q(**{f"{field_name}__in": wanted[signal]})
    found: dict[int, set[tuple[str, str]]] = {}
    if not condition:
        return found
    company = "pk" if model is Company else "company_id"
    rows = (
        model.objects.filter(condition)
        .order_by()
        .values_list(company, *fields.values())
    )
    for company_id, *values in rows:
        for signal, value in zip(fields, values, strict=True):
            if value in wanted[signal]:
                found.setdefault(company_id, set()).add((signal, value))
    return found


def _live_leads(company_ids) -> list[tuple]:
    """(pk, company id, stage kind) of the live leads of these companies, oldest
    first.

    Only the `company_id` index is offered to the database: "alive"
    (`deleted_at`/`merged_into` null, both indexed) and the order are applied to
    the few rows found. Asked in SQL, SQLite (no statistics) read the whole lead
    table through the `merged_into` index for every batch of an import, which
    slowed it down as the table grew (100k rows: 60 ms per lookup).
    """
    if not company_ids:
        return []
    rows = (
        Lead.objects.filter(company_id__in=list(company_ids))
        .order_by()
        .values_list(*LEAD_FIELDS, "created_at", "deleted_at", "merged_into_id")
    )
    live = [r for r in rows if r[4] is None and r[5] is None]
    live.sort(key=lambda r: (r[3], r[0]))
    return [r[:3] for r in live]


def _lookups(wanted: dict[str, set[str]]) -> dict[str, dict[str, list[tuple]]]:
    """{signal: {value: [lead row, …] oldest first}}, in three queries whatever
    the number of identities and signals (companies, contacts, their leads)."""
    holders = _companies_with(Company, COMPANY_SIGNALS, wanted)
    for company_id, pairs in _companies_with(Contact, CONTACT_SIGNALS, wanted).items():
        holders.setdefault(company_id, set()).update(pairs)
    tables: dict[str, dict[str, list[tuple]]] = {s: {} for s in wanted}
    for values in _live_leads(holders):
        for signal, value in holders[values[1]]:
            tables[signal].setdefault(value, []).append(_row(values))
    return tables


def _digits(key: str) -> set[str]:
    return {token for token in key.split() if token.isdigit()}


def similar(a: str, b: str) -> float:
    """How alike two folded names read (0…1); names whose numbers differ are
    different companies ("Clôtures 12" is not "Clôtures 13")."""
    if not a or not b or _digits(a) != _digits(b):
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def _loose(identity: Identity, exclude: set[int]) -> list[tuple]:
    """Leads whose company name reads like this one (one query, bounded)."""
    key = identity.name_key
    if len(key) < 3:
        return []
    rows = (
        _alive()
        .filter(company__name_key__startswith=key[:3])
        .exclude(company__name_key=key)
        .exclude(pk__in=exclude)
        .values_list(*LEAD_FIELDS, "company__name_key", "company__postal_code")
    )[:LOOSE_CANDIDATES]
    hits = []
    for lead_id, company_id, kind, other_key, other_postcode in rows:
        ratio = similar(key, other_key)
        same_place = bool(identity.postal_code) and identity.postal_code == (
            other_postcode or ""
        ).replace(" ", "")
        if ratio >= SIMILAR_RATIO or (same_place and ratio >= SIMILAR_NEAR_RATIO):
            signals = ["similar_name"] + (["postcode"] if same_place else [])
            hits.append(((lead_id, company_id, kind), signals))
    return hits


def duplicate_signals(
    identities: list[Identity], *, loose_names: bool = True, exclude=()
) -> list[Signals]:
    """The signals of each identity against the live leads, in order."""
    exclude = set(exclude)

    def given(signal: str, shortest: int = 1) -> set[str]:
        # An empty value is no signal; asked for, it would match every company
        # without a SIREN (or every contact without an e-mail): the whole table.
        return {v for i in identities if len(v := getattr(i, signal)) >= shortest}

    lookups = _lookups(
        {
            "siren": given("siren"),
            "email": given("email"),
            "phone": given("phone"),
            "domain": given("domain"),
            "name": given("name_key", 3),
        }
    )
    results = []
    for identity in identities:
        results.append(_signals_of(identity, lookups, loose_names, exclude))
    return results


def _signals_of(identity, lookups, loose_names, exclude) -> Signals:
    result = Signals()
    for signal in STRONG:
        for lead_id, company_id, is_open, _rest in lookups[signal].get(
            getattr(identity, signal), []
        ):
            if lead_id in exclude:
                continue
            hit = Hit(lead_id, company_id, is_open, [signal])
            if is_open and result.strong is None:
                result.strong = hit
            elif not is_open and result.closed is None:
                result.closed = hit
    if result.strong is not None:
        return result  # the same customer: nothing to review
    weak: dict[int, Hit] = {}
    for signal, value in (("domain", identity.domain), ("name", identity.name_key)):
        for lead_id, company_id, is_open, _rest in lookups[signal].get(value, []):
            if is_open and lead_id not in exclude:
                weak.setdefault(lead_id, Hit(lead_id, company_id, True)).signals.append(
                    signal
                )
    if loose_names:
        for (lead_id, company_id, kind), signals in _loose(identity, exclude):
            if kind == PipelineStage.Kind.OPEN:
                hit = weak.setdefault(lead_id, Hit(lead_id, company_id, True))
                hit.signals.extend(s for s in signals if s not in hit.signals)
    same_company = result.closed.company_id if result.closed else None
    result.weak = [h for h in weak.values() if h.company_id != same_company][:5]
    return result
