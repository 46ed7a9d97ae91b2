"""Reads of the duplicate review: the queue, a pair side by side, undoable merges."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..attribution import source_words
from ..models import Company, DuplicateFlag, Lead, LeadMerge
from ..services.merging import COMPANY_FIELDS, LEAD_FIELDS, UNDO_WINDOW, default_choices


def duplicate_queue() -> QuerySet[DuplicateFlag]:
    """Open flags whose two leads are both still alive, oldest lead first."""
    alive = Q(lead__deleted_at__isnull=True, lead__merged_into__isnull=True) & Q(
        other__deleted_at__isnull=True, other__merged_into__isnull=True
    )
    return (
        DuplicateFlag.objects.filter(alive, status=DuplicateFlag.Status.OPEN)
        .select_related(
            "lead__company",
            "lead__stage",
            "lead__found_by",
            "lead__import_job",
            "other__company",
            "other__stage",
            "other__found_by",
            "other__import_job",
        )
        .order_by("-created_at", "-pk")
    )


def duplicate_count() -> int:
    return duplicate_queue().count()


def open_flags_for(lead: Lead) -> list[DuplicateFlag]:
    return list(duplicate_queue().filter(Q(lead=lead) | Q(other=lead)))


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v)[:200]
    return str(value)


# Lead fields a person reads as words, not as a key or a JSON dump.
WORDS = {
    "source": lambda lead: str(lead.get_source_display()),
    "attribution": source_words,
}


def merge_rows(keep: Lead, merged: Lead) -> list[dict]:
    """One row per field where the two leads differ: both values and which one a
    merge keeps by default (the person may choose the other)."""
    defaults = default_choices(keep, merged)
    rows = []
    for name in LEAD_FIELDS:
        rows.append(_row(name, Lead._meta.get_field(name).verbose_name, keep, merged))
    for name in COMPANY_FIELDS:
        field = Company._meta.get_field(name)
        rows.append(
            _row(
                f"company.{name}",
                field.verbose_name,
                keep.company,
                merged.company,
                name,
            )
        )
    differing = [r for r in rows if r["keep"] != r["merged"]]
    for row in differing:
        row["default"] = defaults[row["name"]]
    return differing


def _row(key, label, a, b, attribute=None) -> dict:
    attribute = attribute or key
    left, right = getattr(a, attribute), getattr(b, attribute)
    if key in WORDS:
        left, right = WORDS[key](a), WORDS[key](b)
    return {
        "name": key,
        "label": label,
        "keep": _shown(left),
        "merged": _shown(right),
    }


def merges_undoable(*, lead: Lead) -> list[LeadMerge]:
    """Merges into `lead` that can still be undone (30 days)."""
    since = timezone.now() - UNDO_WINDOW
    return list(
        LeadMerge.objects.filter(keep=lead, undone_at__isnull=True, at__gte=since)
        .select_related("merged__company", "by")
        .order_by("-at")
    )
