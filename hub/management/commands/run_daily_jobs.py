"""`manage.py run_daily_jobs`: every daily job, here and now (a cron line).

The worker (`manage.py run_worker`) already runs them each morning; this command
is for installs that prefer cron, and for running them by hand. The jobs are the
apps' registrations, in order, each isolated: a job that fails is reported (its
traceback on stderr) and the next ones still run. The exit status is non-zero
when any job failed, which is what cron and systemd report on. `--enqueue` hands
the run to the worker instead (followed on /tasks/).
"""

import traceback

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hub.background import enqueue
from hub.scheduler import run_daily_jobs


class Command(BaseCommand):
    help = (
        "Run every daily job in order (reminders, notification digest, purges); a "
        "failing job is reported and the others still run; exit status 1 if any "
        "failed. --enqueue gives the run to the background worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run for the background worker instead of running it.",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            self._enqueue()
            return
        report = run_daily_jobs(on_step=self._started, on_done=self._finished)
        total = len(report.summaries)
        for name in report.failed:
            self.stderr.write(report.tracebacks[name])
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} of {total} daily jobs failed: "
                f"{', '.join(report.failed)}"
            )
        self.stdout.write(self.style.SUCCESS(f"All {total} daily jobs done."))

    def _enqueue(self):
        from hub.tasks import daily_jobs_run

        with transaction.atomic():
            result = enqueue(daily_jobs_run)
        where = f" (task {result.id})" if result is not None else ""
        self.stdout.write(self.style.SUCCESS(f"Daily jobs enqueued{where}."))

    def _started(self, done, total, name):
        if name:
            self.stdout.write(f"[{done + 1}/{total}] {name}")

    def _finished(self, number, total, name, outcome, seconds):
        if isinstance(outcome, Exception):
            summary = "".join(traceback.format_exception_only(outcome)).strip()
            self.stdout.write(
                self.style.ERROR(f"[{number}/{total}] {name} FAILED: {summary}")
            )
            return
        detail = ", ".join(f"{k} {v}" for k, v in (outcome or {}).items())
        self.stdout.write(
            f"[{number}/{total}] {name} done in {seconds:.1f} s"
            + (f" ({detail})" if detail else "")
        )
