"""Lead import: the war room's streaming CSV import (the `lead_intake` rules,
deduplicated) vs a raw `bulk_create` of the same rows.

The generated file looks like a French Excel export (`;`, accents, formatted
phones, valid SIREN), with 5 % of rows repeating an earlier company under another
spelling, so dedupe really works. Sizes 1k/10k/100k (QUICK: 1k); each size starts
from empty tables. Each import runs in a fresh process (benchmarks.import_child),
whose peak RSS (VmHWM from /proc) is reported: a streaming import keeps it flat
as the file grows.
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


def write_csv(path: Path, rows: int, seed: int = 8) -> int:
    """Write `rows` data rows; returns how many repeat an earlier company."""
    rng = random.Random(seed)
    duplicates = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for index in range(rows):
            if index > 20 and rng.random() < 0.05:
                earlier = _row(rng.randrange(index // 2), rng)
                earlier[0] = earlier[0].upper()  # same SIREN, other spelling
                writer.writerow(earlier)
                duplicates += 1
            else:
                writer.writerow(_row(index, rng))
    return duplicates


def clear_leads() -> None:
    from django.db import connection

    from prospecting.models import Activity, Company, Contact, Lead, StageChange

    with connection.cursor() as cursor:
        for model in (StageChange, Activity, Lead, Contact, Company):
            cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608 - model tables


def hub_import(path: Path, user) -> dict:
    from prospecting import imports

    encoding, delimiter, headers = imports.sniff(path)
    mapping = imports.validate_mapping(headers, imports.suggest_mapping(headers))
    report = imports.run_import(
        imports.iter_rows(path, encoding, delimiter), mapping, by=user
    )
    return dict(report.counts)


def raw_bulk_create(path: Path, user, batch_size: int = 500) -> dict:
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


def measured(mode: str, path: Path, user) -> tuple[dict, float, float]:
    """(counts, seconds, peak RSS in MB) of one import run in a fresh process."""
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
    return result["counts"], result["seconds"], result["peak_rss_mb"]


def _row_for(size, hub, raw, duplicates) -> dict:
    (counts, hub_s, hub_mb), (_raw_counts, raw_s, raw_mb) = hub, raw
    hub_rate, raw_rate = size / hub_s, size / raw_s
    speed = round(hub_rate / raw_rate, 2)
    return measure_row(
        f"lead import {size:,} rows (rows/s)",
        value={"rows_per_s": round(hub_rate), "seconds": round(hub_s, 2)},
        baseline={"rows_per_s": round(raw_rate), "seconds": round(raw_s, 2)},
        value_text=f"{hub_rate:,.0f}/s",
        baseline_text=f"{raw_rate:,.0f}/s",
        ratio_value=speed,
        goal=f"≥ {GOAL}× raw bulk_create",
        ok=speed >= GOAL,
        rows=size,
        duplicates_in_file=duplicates,
        counts=counts,
        peak_rss_mb=hub_mb,
        raw_peak_rss_mb=raw_mb,
        note=f"peak RSS {hub_mb} MB (raw {raw_mb} MB); {counts}",
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


def run(ctx) -> list[dict]:
    reason = missing(
        "prospecting.imports:run_import", "prospecting.services:stage_initial"
    )
    if not reason:
        from prospecting.models import Lead

        reason = table_missing(Lead)
    if reason:
        return [unavailable_row("lead import", reason, f"≥ {GOAL}× raw bulk_create")]
    from hub import roles

    user = bench_user("bench-importer", roles.STAFF, roles.SALES)
    sizes = [1000] if ctx.quick else [1000, 10_000, 100_000]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"leads-{size}.csv"
            duplicates = write_csv(path, size)
            raw = measured("raw", path, user)
            hub = measured("hub", path, user)
            rows.append(_row_for(size, hub, raw, duplicates))
            print(f"  import {size}: {rows[-1]['note']}", file=sys.stderr)
    clear_leads()
    return [*rows, _memory_row(rows)]
