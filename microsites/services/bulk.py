"""Sites from a CSV: read and check the file at upload (encoding, columns, size),
then a background task creates each row as a draft site, one transaction per
row, with a report line in plain words for each.

    upload ──site_import_create──▶ SiteImport(rows) + task (same transaction)
    task ──site_import_run──▶ row by row: draft site, or the reasons it was not
"""

from __future__ import annotations

import csv
import io
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from hub.background import enqueue
from hub.services import audit_log

from .. import places
from ..models import SiteImport
from .drafts import SiteDetails, microsite_draft_create

logger = logging.getLogger(__name__)
MAX_ROWS = 200
# field → accepted headers (folded: lowercase, no accents, - and _ as spaces)
COLUMNS = {
    "name": ("nom", "nom du site", "name", "site"),
    "hostname": ("hote", "nom d hote", "hostname", "domaine", "adresse web"),
    "template": ("modele", "template", "site modele"),
    "city": ("ville", "city", "commune"),
    "department": ("departement", "department", "dept"),
    "postal_code": ("code postal", "cp", "postcode", "postal code"),
    "address": ("adresse", "address", "rue"),
    "phone": ("telephone", "tel", "phone"),
    "email": ("email", "e mail", "courriel", "mail"),
    "primary_color": ("couleur principale", "primary color"),
    "accent_color": ("couleur accent", "couleur d accent", "accent color"),
}
OPTIONAL = {"primary_color", "accent_color"}
EXPECTED_HEADERS = [aliases[0] for aliases in COLUMNS.values()]


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise ValidationError(
            _(
                "This file is not CSV text (it looks like a spreadsheet or a "
                "UTF-16 file). Save it as “CSV UTF-8” and upload it again."
            )
        )
    for encoding in ("utf-8-sig", "cp1252"):  # UTF-8, else French Excel's CSV
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        _("The characters of this file cannot be read. Save it as “CSV UTF-8”.")
    )


def _delimiter(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _columns(headers: list[str]) -> dict[str, int]:
    """{field: column index}; ValidationError naming missing, unknown or
    repeated columns."""
    by_alias = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    unknown, repeated = [], []
    for index, header in enumerate(headers):
        field = by_alias.get(places.fold(header))
        if field is None:
            if header.strip():
                unknown.append(header.strip())
        elif field in found:
            repeated.append(header.strip())
        else:
            found[field] = index
    problems = []
    missing = [COLUMNS[f][0] for f in COLUMNS if f not in found and f not in OPTIONAL]
    if missing:
        problems.append(_("Missing columns: %(c)s.") % {"c": ", ".join(missing)})
    if unknown:
        problems.append(_("Unknown columns: %(c)s.") % {"c": ", ".join(unknown)})
    if repeated:
        problems.append(_("Columns given twice: %(c)s.") % {"c": ", ".join(repeated)})
    if problems:
        problems.append(
            _("Expected columns: %(c)s (the last two are optional).")
            % {"c": ", ".join(EXPECTED_HEADERS)}
        )
        raise ValidationError(" ".join(problems))
    return found


def read_sites_csv(raw: bytes) -> tuple[list[dict], dict[str, str]]:
    """(rows [{line, values}], {field: the file's header}) of a sites CSV."""
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    headers = next(reader, None)
    if not headers or not any(h.strip() for h in headers):
        raise ValidationError(_("The file is empty: it has no header line."))
    columns = _columns(headers)
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            field: cells[index].strip() if index < len(cells) else ""
            for field, index in columns.items()
        }
        rows.append({"line": reader.line_num, "values": values})
    if not rows:
        raise ValidationError(_("The file has a header line but no site."))
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("The file has %(n)d sites; at most %(max)d at a time: split it.")
            % {"n": len(rows), "max": MAX_ROWS}
        )
    names = {field: headers[index].strip() for field, index in columns.items()}
    return rows, names


@transaction.atomic
def site_import_create(*, user, upload) -> SiteImport:
    """Check the CSV and queue its sites (the task row is written with the
    import: both or neither). ValidationError in plain words otherwise."""
    from ..tasks import site_import_run_task

    rows, headers = read_sites_csv(upload.read())
    job = SiteImport(
        created_by=user, original_name=upload.name[:255], rows=rows, headers=headers
    )
    job.save()
    result = enqueue(site_import_run_task, job.pk)
    if result is not None:
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    audit_log(
        actor=user,
        action="microsites.site_import",
        target=job,
        changes={"rows": len(rows), "file": job.original_name},
    )
    return job


def _details(values: dict) -> SiteDetails:
    template = Site.objects.filter(
        hostname=values.get("template", "").strip().lower()
    ).first()
    return SiteDetails(
        **{k: v for k, v in values.items() if k != "template"}, template=template
    )


def _reasons(error: ValidationError, values: dict, headers: dict) -> str:
    """ "telephone: “12” is not a French phone number." — by the file's own
    column names."""
    parts = []
    for field, messages in getattr(error, "message_dict", {"": error.messages}).items():
        column = headers.get(field, field)
        if field == "template" and values.get("template"):
            messages = [
                _("no microsite answers on “%(host)s”.") % {"host": values["template"]}
            ]
        parts.append(
            f"{column}: {' '.join(messages)}" if column else " ".join(messages)
        )
    return " ".join(parts)


def _run_row(job: SiteImport, row: dict) -> dict:
    values = row["values"]
    line = {"line": row["line"], "name": values.get("name", ""), "site_id": None}
    try:
        with transaction.atomic():  # the row whole, or nothing of it
            result = microsite_draft_create(details=_details(values), by=job.created_by)
    except ValidationError as error:
        return {
            **line,
            "status": "refused",
            "message": _reasons(error, values, job.headers),
        }
    return {
        **line,
        "status": "created",
        "site_id": result.site.pk,
        "message": _("a draft on %(host)s (%(pages)d pages).")
        % {"host": result.site.hostname, "pages": result.pages},
    }


def site_import_run(*, import_id: int, on_row=None) -> SiteImport:
    """Create the import's sites, resuming after the last row done; each row
    and its report line commit together."""
    job = SiteImport.objects.select_related("created_by").get(pk=import_id)
    if job.status == SiteImport.Status.FAILED:  # a retry picks up where it stopped
        job.status = SiteImport.Status.RUNNING
        job.save(update_fields=["status"])
    try:
        while job.status == SiteImport.Status.RUNNING and job.processed < job.total:
            with transaction.atomic():
                job = SiteImport.objects.select_for_update().get(pk=job.pk)
                outcome = _run_row(job, job.rows[job.processed])
                job.report = [*job.report, outcome]
                job.processed += 1
                job.save(update_fields=["report", "processed"])
            if on_row:
                on_row(job.processed, job.total)
    except Exception:
        logger.exception("Site import %s stopped", import_id)
        SiteImport.objects.filter(pk=import_id).update(status=SiteImport.Status.FAILED)
        raise
    if job.status == SiteImport.Status.RUNNING:
        job.status = SiteImport.Status.DONE
        job.save(update_fields=["status"])
        audit_log(
            actor=job.created_by,
            action="microsites.site_import_done",
            target=job,
            changes={"created": job.created_count, "refused": job.refused_count},
        )
    return job


def site_import_status(job: SiteImport) -> dict:
    return {
        "status": job.status,
        "processed": job.processed,
        "total": job.total,
        "created": job.created_count,
        "refused": job.refused_count,
    }
