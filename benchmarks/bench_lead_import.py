"""Lead import: the war room's browser import (upload, background run through
`lead_intake_batch` and the `prospecting.dedupe` signals) vs a raw `bulk_create`
of the same rows.

The generated file looks like a French Excel export (`;`, accents, formatted
phones, valid SIREN) and holds the three cases the intake tells apart: 5 % of
rows repeat an earlier company (same SIREN, other spelling; half of them written
by another person of the firm, who must become one more contact), 3 % are
look-alikes (same name and web domain, no SIREN, another person: a new lead
flagged "possible duplicate" for review), the rest are new. Sizes 1k/10k/100k
(QUICK: 1k); each size starts from empty tables.

The measured path is a browser upload's: `import_job_create` (store, sniff,
count), then `import_job_start`, whose background task runs at commit (immediate
backend) batch after batch through `prospecting.imports.run_batch`. Each import
runs in a fresh process (benchmarks.import_child), whose peak RSS (VmHWM from
/proc) and SQL statements are reported: a streaming import keeps its memory flat
and its statements per batch constant as the file grows.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import measure_row, unavailable_row
from benchmarks.support import (
    bench_user,
    missing,
    table_missing,
)

GOAL = 0.5
BATCH_ROWS = 500  # prospecting.imports.BATCH_SIZE, the raw baseline's too
HEADERS = [
    "Raison sociale",
    "Site web",
    "SIREN",
    "Secteur",
    "Ville",
    "Code postal",
    "Prénom",
    "Nom",
    "E-mail",
    "Téléphone",
    "Note",
]
SECTORS = ["Agriculture", "BTP", "Collectivité", "Logistique", "Industrie"]
CITIES = [("Bordeaux", "33000"), ("Lyon", "69001"), ("Nantes", "44000")]


def siren(number: int) -> str:
    """A valid SIREN (Luhn) built from a running number."""
    base = f"{number:08d}"
    total = 0
    for index, char in enumerate(reversed(base)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return base + str((10 - total % 10) % 10)


def phone(index: int) -> str:
    digits = f"{56_000_000 + index:08d}"
    return "05 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def _row(index: int, rng: random.Random) -> list[str]:
    city, postal = CITIES[index % len(CITIES)]
    return [
        f"Clôtures Écoles {index} SARL",
        f"https://clotures-{index}.example.fr",
        siren(10_000_000 + index),
        SECTORS[index % len(SECTORS)],
        city,
        postal,
        "Amélie",
        f"Durand{index}",
        f"contact{index}@clotures-{index}.example.fr",
        phone(index),
        f"Besoin de {rng.randint(50, 900)} m de grillage rigide",
    ]


REPEAT_SHARE = 0.05  # same SIREN as an earlier row: attached to its lead
LOOK_ALIKE_SHARE = 0.03  # same name and domain, no SIREN: flagged for review


def _other_person(row: list[str], index: int) -> list[str]:
    """The same firm written to by a colleague: other name, e-mail and phone."""
    domain = row[8].rsplit("@", 1)[1]
    row[6], row[7] = "Bruno", f"Martin{index}"
    row[8] = f"b.martin{index}@{domain}"
    row[9] = phone(500_000 + index)
    return row


def write_csv(path: Path, rows: int, seed: int = 8) -> dict:
    """Write `rows` data rows; returns how many rows of each case it holds."""
    rng = random.Random(seed)
    mix = {"new": 0, "repeats": 0, "new_person": 0, "look_alikes": 0}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for index in range(rows):
            draw = rng.random() if index > 20 else 1.0
            if draw < REPEAT_SHARE:
                earlier = _row(rng.randrange(index // 2), rng)
                earlier[0] = earlier[0].upper()  # same SIREN, other spelling
                mix["repeats"] += 1
                if rng.random() < 0.5:
                    earlier = _other_person(earlier, index)
                    mix["new_person"] += 1
                writer.writerow(earlier)
            elif draw < REPEAT_SHARE + LOOK_ALIKE_SHARE:
                look_alike = _other_person(_row(rng.randrange(index // 2), rng), index)
                look_alike[2] = ""  # no SIREN: only weak signals are left
                writer.writerow(look_alike)
                mix["look_alikes"] += 1
            else:
                writer.writerow(_row(index, rng))
                mix["new"] += 1
    return mix


def _referring(model) -> set:
    """Models with a column pointing at `model`'s rows: foreign keys (hidden
    ones, related_name="+", too) and many-to-many link tables."""
    from django.apps import apps

    return {
        other
        for other in apps.get_models(include_auto_created=True)
        for field in other._meta.concrete_fields
        if field.remote_field is not None and field.remote_field.model is model
    }


def _referrers(models: set) -> set:
    """Every model pointing into `models`, recursively: campaigns, merges,
    callbacks… point at leads too, and more will."""
    found = set(models)
    while True:
        more = {other for model in found for other in _referring(model)} - found
        if not more:
            return found
        found |= more


def _deletion_order(models: set) -> list:
    """Referring tables before the tables they point at."""
    ordered, left = [], set(models)
    while left:
        free = {
            model
            for model in left
            if not any(other in left for other in _referring(model) - {model})
        }
        if not free:  # a cycle (nullable keys both ways): any order will do
            free = set(left)
        ordered += sorted(free, key=lambda m: m._meta.db_table)
        left -= free
    return ordered


def clear_leads() -> None:
    """Empty the war room's tables between runs (and whatever refers to them)."""
    from django.db import connection

    from hub.models import AuditEntry
    from prospecting.models import Company, Contact, ImportJob, Lead

    tables = _deletion_order(_referrers({Lead, Contact, Company, ImportJob}))
    with connection.cursor() as cursor:
        for model in [*tables, AuditEntry]:
            table = model._meta.db_table
            try:
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - model tables
            except Exception as error:
                raise RuntimeError(f"emptying {table}: {error}") from error


def hub_import(path: Path, user) -> dict:
    """A browser upload: stored privately, sniffed and counted; the mapping
    confirmed; the background task runs at commit, batch after batch."""
    from django.core.files import File

    from prospecting.models import ImportJob
    from prospecting.services.imports import import_job_create, import_job_start

    with path.open("rb") as handle:
        job = import_job_create(user=user, upload=File(handle, name=path.name))
    import_job_start(job=job, mapping=job.mapping, by=user)
    job = ImportJob.objects.get(pk=job.pk)
    job.file.delete(save=False)
    if job.status != ImportJob.Status.DONE:
        raise RuntimeError(f"import ended {job.status}: {job.error}")
    return dict(job.counts)


def written() -> dict:
    """What an import left in the tables (counted after the timed run)."""
    from prospecting.models import Activity, Contact, DuplicateFlag, Lead

    return {
        "leads": Lead.objects.count(),
        "contacts": Contact.objects.count(),
        "flags": DuplicateFlag.objects.count(),
        "activities": Activity.objects.count(),
    }


def raw_bulk_create(path: Path, user, batch_size: int = BATCH_ROWS) -> dict:
    """The floor: parse and insert the same rows, no cleaning, no dedupe."""
    from django.db import transaction

    from prospecting.models import Company, Contact, Lead
    from prospecting.services import stage_initial

    stage = stage_initial()
    created = 0
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        while batch := [
            row for _i, row in zip(range(batch_size), reader, strict=False)
        ]:
            with transaction.atomic():
                companies = Company.objects.bulk_create(
                    [
                        Company(
                            name=r[0],
                            name_key=r[0].lower(),
                            website=r[1],
                            siren=r[2],
                            sector=r[3],
                            city=r[4],
                            postal_code=r[5],
                        )
                        for r in batch
                    ]
                )
                contacts = Contact.objects.bulk_create(
                    [
                        Contact(company=c, first_name=r[6], last_name=r[7], email=r[8])
                        for c, r in zip(companies, batch, strict=True)
                    ]
                )
                Lead.objects.bulk_create(
                    [
                        Lead(
                            company=c,
                            contact=p,
                            source="import",
                            stage=stage,
                            found_by=user,
                            note=r[10],
                        )
                        for c, p, r in zip(companies, contacts, batch, strict=True)
                    ]
                )
            created += len(batch)
    return {"imported": created}


def measured(mode: str, path: Path, user) -> dict:
    """One import run in a fresh process, from empty tables: its seconds, peak
    RSS (MB), SQL statements, report counts, and what it wrote."""
    import json
    import os
    import subprocess

    from django.db import connection

    from benchmarks.server import ROOT

    clear_leads()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "HUB_BENCH_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "HUB_BENCH_PRIVATE_ROOT": str(path.parent / "private"),
        "PYTHONPATH": str(ROOT),
    }
    connection.close()  # SQLite: let the child write without waiting on us
    completed = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [
            sys.executable,
            "-m",
            "benchmarks.import_child",
            mode,
            str(path),
            str(user.pk),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise RuntimeError(f"{mode} import failed: {completed.stderr[-1500:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["written"] = written()
    return result


def best_of(runs: list[dict]) -> dict:
    """The fastest of a mode's runs (the least disturbed on a shared machine),
    with every run's seconds and the highest peak RSS."""
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return best


def _row_for(size: int, hub: dict, raw: dict, mix: dict) -> dict:
    hub_rate, raw_rate = size / hub["seconds"], size / raw["seconds"]
    speed = round(hub_rate / raw_rate, 2)
    batches = -(-size // BATCH_ROWS)
    per_batch = round(hub["queries"] / batches, 1)
    return measure_row(
        f"lead import {size:,} rows (rows/s)",
        value={"rows_per_s": round(hub_rate), "seconds": round(hub["seconds"], 2)},
        baseline={"rows_per_s": round(raw_rate), "seconds": round(raw["seconds"], 2)},
        value_text=f"{hub_rate:,.0f}/s",
        baseline_text=f"{raw_rate:,.0f}/s",
        ratio_value=speed,
        goal=f"≥ {GOAL}× raw bulk_create",
        ok=speed >= GOAL,
        rows=size,
        runs={"hub_s": hub["all_seconds"], "raw_s": raw["all_seconds"]},
        file_mix=mix,
        counts=hub["counts"],
        written=hub["written"],
        queries=hub["queries"],
        queries_per_batch=per_batch,
        raw_queries=raw["queries"],
        peak_rss_mb=hub["peak_rss_mb"],
        raw_peak_rss_mb=raw["peak_rss_mb"],
        note=(
            f"best of {len(hub['all_seconds'])} runs each; {per_batch} SQL "
            f"statements per {BATCH_ROWS}-row batch (raw "
            f"{round(raw['queries'] / batches, 1)}); peak RSS {hub['peak_rss_mb']} MB "
            f"(raw {raw['peak_rss_mb']} MB); {hub['counts']}; wrote {hub['written']}"
        ),
    )


def _memory_row(rows: list[dict]) -> dict:
    peaks = [r["peak_rss_mb"] for r in rows]
    growth = round(peaks[-1] - peaks[0], 1)
    sizes = ", ".join(f"{r['rows']:,}: {r['peak_rss_mb']} MB" for r in rows)
    return measure_row(
        "lead import peak RSS, largest vs smallest",
        value={"peak_rss_mb": peaks},
        baseline={"peak_rss_mb": [r["raw_peak_rss_mb"] for r in rows]},
        value_text=f"{peaks[-1]} MB",
        baseline_text=f"{peaks[0]} MB",
        ratio_value=round(peaks[-1] / peaks[0], 2) if peaks[0] else None,
        goal="flat (≤ +25 MB)",
        ok=growth <= 25,
        note=f"peak RSS of the importing process by file size: {sizes}",
    )


def repeats(ctx, size: int) -> int:
    """Runs per mode: more for the small files, whose seconds are noisier."""
    if ctx.quick:
        return 2
    return 4 if size <= 10_000 else 2


def run(ctx) -> list[dict]:
    reason = missing(
        "prospecting.services.imports:import_job_run",
        "prospecting.services:stage_initial",
    )
    if not reason:
        from prospecting.models import DuplicateFlag, ImportJob, Lead

        reason = table_missing(Lead, DuplicateFlag, ImportJob)
    if reason:
        return [unavailable_row("lead import", reason, f"≥ {GOAL}× raw bulk_create")]
    from hub import roles

    user = bench_user("bench-importer", roles.STAFF, roles.SALES)
    sizes = [1000] if ctx.quick else [1000, 10_000, 100_000]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"leads-{size}.csv"
            mix = write_csv(path, size)
            runs: dict[str, list[dict]] = {"raw": [], "hub": []}
            # raw, hub, hub, raw, …: a machine getting busier or quieter
            # weighs on both sides alike.
            for index in range(repeats(ctx, size)):
                for mode in ("raw", "hub") if index % 2 == 0 else ("hub", "raw"):
                    runs[mode].append(measured(mode, path, user))
            rows.append(_row_for(size, best_of(runs["hub"]), best_of(runs["raw"]), mix))
            print(f"  import {size}: {rows[-1]['note']}", file=sys.stderr)
    clear_leads()
    return [*rows, _memory_row(rows)]
