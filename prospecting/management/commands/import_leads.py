"""`manage.py import_leads FILE [--dry-run]`: the CSV import from a terminal."""

import csv

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hub.progress import ProgressBar
from prospecting import imports


class Command(BaseCommand):
    help = (
        "Import leads from a CSV file (UTF-8, UTF-8 with BOM or Windows-1252; comma "
        "or semicolon). Columns are mapped from their headers; override with --map."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="report only, write nothing"
        )
        parser.add_argument(
            "--user", help="username recorded as the finder (default: none)"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="map a column, e.g. --map 'Raison sociale=company.name' (repeatable)",
        )
        parser.add_argument("--report", help="write the row report to this CSV file")
        parser.add_argument("--batch-size", type=int, default=imports.BATCH_SIZE)

    def handle(self, *args, **options):
        path = options["file"]
        user = self._user(options["user"])
        try:
            encoding, delimiter, headers = imports.sniff(path)
            mapping = imports.suggest_mapping(headers)
            mapping.update(self._overrides(options["map"], headers))
            mapping = imports.validate_mapping(headers, mapping)
        except (OSError, ValidationError, UnicodeDecodeError) as error:
            raise CommandError(str(getattr(error, "message", error))) from error
        self.stdout.write(
            f"{path}: {encoding}, delimiter {delimiter!r}, "
            + ", ".join(f"{h} → {t}" for h, t in mapping.items())
        )
        total = imports.count_rows(path, encoding, delimiter)
        with ProgressBar(total, "import_leads", stream=self.stdout) as bar:
            report = imports.run_import(
                imports.iter_rows(path, encoding, delimiter),
                mapping,
                by=user,
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                on_batch=lambda r: bar.advance(r.processed - bar.done),
            )
        self._write_report(report, options["report"])
        prefix = "DRY RUN: " if options["dry_run"] else ""
        counts = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{counts['imported']} imported, {counts['merged']} merged, "
                f"{counts['skipped']} skipped"
            )
        )

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}")
        return user

    def _overrides(self, pairs, headers):
        mapping = {}
        for pair in pairs:
            header, sep, target = pair.partition("=")
            if not sep or header.strip() not in headers:
                raise CommandError(f"--map {pair!r}: expected an existing HEADER=FIELD")
            mapping[header.strip()] = target.strip()
        return mapping

    def _write_report(self, report, path):
        for row in report.rows[:20]:
            self.stdout.write(f"  line {row.line}: {row.status} {row.reason}")
        if len(report.rows) > 20:
            self.stdout.write(f"  … {len(report.rows) - 20} more in the report")
        if path:
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["line", "status", "reason", "lead_id"])
                for row in report.rows:
                    writer.writerow(
                        [row.line, row.status, row.reason, row.lead_id or ""]
                    )
