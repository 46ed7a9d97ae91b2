"""CSV import: encoding and delimiter sniffing, column mapping, streamed rows,
one transaction per batch, a row-level report. Shared by the upload UI (which
runs it batch by batch) and `manage.py import_leads`.

Every row goes through `lead_intake`, so an import deduplicates exactly like a
quick add. Re-running a file is safe: a row already imported is recognised by its
fingerprint (`Lead.import_key`) or by the usual duplicate signals.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.dbstats import GrowthAnalyzer

from . import events, search, services
from .models import Activity, Company, Contact, Lead
from .services.intake_batch import BatchItem, errors_in_words

BATCH_SIZE = 500
REPORT_LIMIT = 2000
csv.field_size_limit(1_000_000)

# Target fields of the mapping step, with the headers French Excel files use.
TARGETS = {
    "company.name": (
        gettext_lazy("Company name"),
        [
            "raison sociale",
            "societe",
            "entreprise",
            "company",
            "nom de l'entreprise",
            "client",
            "name",
            "company name",
        ],
    ),
    "company.website": (
        gettext_lazy("Website"),
        ["site web", "site", "website", "url du site", "site internet"],
    ),
    "company.siren": ("SIREN", ["siren"]),
    "company.siret": ("SIRET", ["siret"]),
    "company.sector": (
        gettext_lazy("Sector"),
        ["secteur", "activite", "sector", "naf", "secteur d'activite"],
    ),
    "company.region": (gettext_lazy("Region"), ["region", "departement"]),
    "company.address": (gettext_lazy("Address"), ["adresse", "address", "rue"]),
    "company.city": (gettext_lazy("City"), ["ville", "commune", "city"]),
    "company.postal_code": (
        gettext_lazy("Postal code"),
        ["code postal", "cp", "postal code", "zip"],
    ),
    "contact.first_name": (
        gettext_lazy("First name"),
        ["prenom", "first name", "firstname"],
    ),
    "contact.last_name": (
        gettext_lazy("Last name"),
        ["nom", "last name", "lastname", "nom du contact"],
    ),
    "contact.name": (
        gettext_lazy("Contact (full name)"),
        ["contact", "interlocuteur", "full name"],
    ),
    "contact.role": (gettext_lazy("Role"), ["fonction", "poste", "role", "title"]),
    "contact.email": (
        gettext_lazy("E-mail"),
        ["email", "e-mail", "mail", "courriel", "adresse e-mail"],
    ),
    "contact.phone": (
        gettext_lazy("Phone"),
        ["telephone", "tel", "phone", "portable", "mobile", "tel."],
    ),
    "lead.note": (
        gettext_lazy("Note"),
        ["note", "notes", "commentaire", "commentaires", "remarque"],
    ),
    "lead.source_url": (
        gettext_lazy("Found at (URL)"),
        ["url", "source", "lien", "source url", "trouve sur"],
    ),
    "lead.estimated_value": (
        gettext_lazy("Estimated value (€)"),
        ["valeur", "montant", "valeur estimee", "ca potentiel", "estimated value"],
    ),
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).strip().lower()


def refuse_binary(path) -> None:
    """A CSV never holds NUL bytes (and PostgreSQL text cannot store them): such a
    file is binary or UTF-16; the upload view shows "cannot be read as CSV"."""
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            if b"\x00" in chunk:
                raise ValueError("binary file (NUL byte)")


def detect_encoding(path) -> str:
    """utf-8-sig (BOM), utf-8, else Windows-1252 (French Excel's "CSV")."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def detect_delimiter(sample: str) -> str:
    first_line = sample.splitlines()[0] if sample else ""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def open_csv(path, encoding: str):
    return open(path, encoding=encoding, newline="", errors="strict")


def sniff(path) -> tuple[str, str, list[str]]:
    """(encoding, delimiter, headers) of a CSV file."""
    refuse_binary(path)
    encoding = detect_encoding(path)
    with open_csv(path, encoding) as handle:
        sample = handle.read(8192)
    delimiter = detect_delimiter(sample)
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    headers = next(reader, [])
    headers = [h.strip() for h in headers]
    if not any(headers):
        raise ValidationError(_("The file is empty or has no header row."))
    return encoding, delimiter, headers


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """{header: target} for headers matching a known alias."""
    mapping = {}
    used = set()
    for header in headers:
        folded = _fold(header)
        for target, (_label, aliases) in TARGETS.items():
            if target not in used and folded in aliases:
                mapping[header] = target
                used.add(target)
                break
    return mapping


def validate_mapping(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    clean = {h: t for h, t in mapping.items() if t and h in headers}
    unknown = [t for t in clean.values() if t not in TARGETS]
    if unknown:
        raise ValidationError(_("Unknown target field: %(f)s") % {"f": unknown[0]})
    targets = list(clean.values())
    if len(targets) != len(set(targets)):
        raise ValidationError(_("Each field can be mapped from one column only."))
    if not {"company.name", "company.website"} & set(targets):
        raise ValidationError(_("Map at least the company name or the website column."))
    return clean


def iter_rows(path, encoding: str, delimiter: str) -> Iterator[tuple[int, dict]]:
    """(line number, {header: value}) for each data row, streamed."""
    with open_csv(path, encoding) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        headers = [h.strip() for h in next(reader, [])]
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield reader.line_num, dict(zip(headers, row, strict=False))


def count_rows(path, encoding: str, delimiter: str) -> int:
    return sum(1 for _row in iter_rows(path, encoding, delimiter))


@dataclass
class RowResult:
    line: int
    status: str  # imported | merged | skipped
    reason: str = ""
    lead_id: int | None = None


@dataclass
class ImportReport:
    counts: dict = field(
        default_factory=lambda: {"imported": 0, "merged": 0, "skipped": 0}
    )
    rows: list[RowResult] = field(default_factory=list)
    processed: int = 0

    def add(self, result: RowResult) -> None:
        self.counts[result.status] += 1
        self.processed += 1
        # Imported rows are the common case: the report lists the exceptions
        # (and imported rows that look like an existing lead, to review).
        worth_saying = result.status != "imported" or result.reason
        if worth_saying and len(self.rows) < REPORT_LIMIT:
            self.rows.append(result)


def _mapped(values: dict, mapping: dict) -> dict[str, str]:
    """{target: stripped cell} for the mapped columns of one row."""
    return {t: (values.get(h) or "").strip() for h, t in mapping.items() if t}


def row_key(values: dict, mapping: dict) -> str:
    """Fingerprint of a row's mapped content (case and spacing insensitive)."""
    cells = _mapped(values, mapping)
    parts = [f"{t}={' '.join(cells[t].casefold().split())}" for t in sorted(cells)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _money(text: str) -> Decimal | None:
    cleaned = (
        text.replace("€", "").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    )
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("Invalid amount: “%(value)s”.") % {"value": text}
        ) from None
    if value < 0:
        raise ValidationError(_("Invalid amount: “%(value)s”.") % {"value": text})
    return value


def _item(line: int, values: dict, mapping: dict) -> BatchItem | RowResult:
    cells = _mapped(values, mapping)

    def get(target):
        return cells.get(target, "")

    try:
        value = _money(get("lead.estimated_value"))
    except ValidationError as error:
        return RowResult(
            line, "skipped", errors_in_words({"estimated_value": error.messages})
        )
    return BatchItem(
        company={t.split(".")[1]: get(t) for t in TARGETS if t.startswith("company.")},
        contact={t.split(".")[1]: get(t) for t in TARGETS if t.startswith("contact.")},
        note=get("lead.note"),
        source_url=get("lead.source_url"),
        estimated_value=value,
        import_key=row_key(values, mapping),
        key=line,
        received={"line": line, **{k: v for k, v in values.items() if v}},
    )


def import_rows(batch, mapping, *, by, import_job_id=None) -> list[RowResult]:
    """Import (line, values) rows through the batch intake; one result per row."""
    results: dict[int, RowResult] = {}
    items = []
    for line, values in batch:
        item = _item(line, values, mapping)
        if isinstance(item, RowResult):
            results[line] = item
        else:
            items.append(item)
    done = dict(
        Lead.objects.filter(import_key__in={i.import_key for i in items}).values_list(
            "import_key", "pk"
        )
    )
    fresh = []
    first_line: dict[str, int] = {}
    for item in items:
        if item.import_key in done:
            results[item.key] = RowResult(
                item.key,
                "skipped",
                _("already imported (lead #%(id)s)") % {"id": done[item.import_key]},
                done[item.import_key],
            )
        elif item.import_key in first_line:
            results[item.key] = RowResult(
                item.key,
                "skipped",
                _("same row as line %(line)s") % {"line": first_line[item.import_key]},
            )
        else:
            first_line[item.import_key] = item.key
            fresh.append(item)
    for outcome in services.lead_intake_batch(
        items=fresh, source="import", by=by, found_by=by, import_job_id=import_job_id
    ):
        status = {"created": "imported", "invalid": "skipped"}.get(
            outcome.status, outcome.status
        )
        results[outcome.key] = RowResult(
            outcome.key, status, outcome.reason, outcome.lead_id
        )
    return [results[line] for line, _values in batch if line in results]


def run_import(
    rows,
    mapping: dict,
    *,
    by,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    report: ImportReport | None = None,
    on_batch=None,
) -> ImportReport:
    """Import `rows` (an iterator of (line, values)) one transaction per batch.
    A dry run keeps every batch inside one transaction rolled back at the end,
    so later rows still see the earlier ones as duplicates, as for real."""
    report = report or ImportReport()
    rows = iter(rows)
    outer = transaction.atomic() if dry_run else contextlib.nullcontext()
    growth = GrowthAnalyzer(Lead, Company, Contact, Activity)
    try:
        with outer:
            while batch := list(itertools.islice(rows, batch_size)):
                run_batch(batch, mapping, by=by, report=report, notify=not dry_run)
                growth.wrote(len(batch))  # dedupe lookups stay index lookups
                if on_batch:
                    on_batch(report)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


class _Rollback(Exception):
    pass


def run_batch(
    batch,
    mapping,
    *,
    by,
    report: ImportReport,
    notify: bool = True,
    import_job_id=None,
) -> None:
    """One atomic batch: all its rows are imported, or none."""
    with transaction.atomic():
        results = import_rows(batch, mapping, by=by, import_job_id=import_job_id)
        ids = [r.lead_id for r in results if r.lead_id]
        if ids and notify:
            transaction.on_commit(lambda: _after_batch(ids))
    for result in results:
        report.add(result)


def _after_batch(ids) -> None:
    if search.enabled():
        search.index_lead_ids(ids)
    events.board_refresh()
