"""`manage.py run_daily_jobs`: the one cron line for every daily job.

Each job is its own management command (they stay runnable alone); this one
runs them in order, each isolated: a job that fails is reported (its traceback
on stderr) and the next ones still run, so a mail server being down does not
keep import files past their retention. The exit status is non-zero when any
job failed, which is what cron and systemd report on.
"""

import time
import traceback

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Order matters: reminders create bell notifications that the digest then
# e-mails the same morning; the purges come last (nothing above needs them).
DAILY_JOBS = [
    ("remind_next_actions", []),
    ("send_review_reminders", []),
    ("send_notification_digest", []),
    ("purge_wiki_trash", ["--days", "30"]),
    ("purge_import_files", ["--days", "90"]),
]


class Command(BaseCommand):
    help = (
        "Run every daily job in order (reminders, notification digest, wiki trash "
        "purge after 30 days, import files purge after 90 days); a failing job is "
        "reported and the others still run; exit status 1 if any failed."
    )

    def handle(self, *args, **options):
        total = len(DAILY_JOBS)
        failed = []
        for n, (name, arguments) in enumerate(DAILY_JOBS, start=1):
            label = " ".join([name, *arguments])
            self.stdout.write(f"[{n}/{total}] {label}")
            started = time.monotonic()
            try:
                call_command(name, *arguments, stdout=self.stdout, stderr=self.stderr)
            except Exception as exc:  # noqa: BLE001 - isolate jobs, report each
                failed.append(name)
                self.stderr.write(traceback.format_exc())
                self.stdout.write(
                    self.style.ERROR(
                        f"[{n}/{total}] {name} FAILED: {type(exc).__name__}: {exc}"
                    )
                )
                _drop_broken_connection()
                continue
            seconds = time.monotonic() - started
            self.stdout.write(f"[{n}/{total}] {name} done in {seconds:.1f} s")
        if failed:
            raise CommandError(
                f"{len(failed)} of {total} daily jobs failed: {', '.join(failed)}"
            )
        self.stdout.write(self.style.SUCCESS(f"All {total} daily jobs done."))


def _drop_broken_connection() -> None:
    """A job killed by a lost database connection must not fail the next ones:
    reconnect, as a request would (never inside a transaction of the caller)."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()
