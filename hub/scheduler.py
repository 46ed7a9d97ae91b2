"""The daily jobs and the worker's housekeeping.

Apps register their daily jobs (`registry.register_daily_job`); the worker's
scheduler thread (`manage.py run_worker`) enqueues one `daily_jobs_run` task a day
at DAILY_JOBS_AT, claimed through a unique row so several workers run it once.
`manage.py run_daily_jobs` runs the same sequence inline, for a cron line.

Jobs run in their registered order in one task because order matters:
reminders ring bells that the digest then mails the same morning.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .registry import registry

logger = logging.getLogger(__name__)

DAILY = "daily-jobs"
KEEP_FINISHED = dt.timedelta(days=30)
KEEP_FAILED = dt.timedelta(days=90)


@dataclass
class DailyReport:
    summaries: dict = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    tracebacks: dict[str, str] = field(default_factory=dict)


class DailyJobsFailed(Exception):
    """Some daily jobs failed (the others ran): the message carries each one's
    traceback, so the task's page shows them all."""

    def __init__(self, report: DailyReport):
        self.report = report
        details = "\n".join(
            f"--- {name} ---\n{report.tracebacks[name]}" for name in report.failed
        )
        total = len(report.summaries)
        super().__init__(
            f"{len(report.failed)} of {total} daily jobs failed: "
            f"{', '.join(report.failed)}\n{details}"
        )


def _call(task):
    return task.call(None) if task.takes_context else task.call()


def run_daily_jobs(
    *,
    on_step: Callable[[int, int, str], None] | None = None,
    on_done: Callable[[int, int, str, object, float], None] | None = None,
) -> DailyReport:
    """Run every daily job in order; a failing one is recorded and the next ones
    still run (a mail server being down does not keep files past retention)."""
    jobs = registry.ordered_daily_jobs()
    report = DailyReport()
    for number, job in enumerate(jobs, start=1):
        if on_step:
            on_step(number - 1, len(jobs), job.name)
        started = time.monotonic()
        try:
            outcome = _call(job.task)
        except Exception as error:  # noqa: BLE001 - isolate jobs, report each
            report.failed.append(job.name)
            report.tracebacks[job.name] = traceback.format_exc()
            outcome = error
            _drop_broken_connection()
        report.summaries[job.name] = (
            outcome if not isinstance(outcome, Exception) else f"failed: {outcome!r}"
        )
        if on_done:
            on_done(number, len(jobs), job.name, outcome, time.monotonic() - started)
    if on_step:
        on_step(len(jobs), len(jobs), "")
    return report


def _drop_broken_connection() -> None:
    """A job killed by a lost database connection must not fail the next ones:
    reconnect, as a request would (never inside a transaction of the caller)."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def _daily_time() -> dt.time:
    try:
        hours, minutes = (int(part) for part in settings.DAILY_JOBS_AT.split(":"))
        return dt.time(hours, minutes)
    except ValueError as error:
        raise ValueError(
            f"DAILY_JOBS_AT must be HH:MM, not {settings.DAILY_JOBS_AT!r}"
        ) from error


def daily_jobs_enqueue_due(*, now=None) -> str | None:
    """Enqueue today's daily run if its time has come and nobody claimed it yet;
    returns the task id (or None)."""
    from .background import enqueue
    from .models import ScheduledRun
    from .tasks import daily_jobs_run

    local = timezone.localtime(now or timezone.now())
    if local.time() < _daily_time():
        return None
    if ScheduledRun.objects.filter(name=DAILY, day=local.date()).exists():
        return None
    try:
        with transaction.atomic():
            claim = ScheduledRun.objects.create(name=DAILY, day=local.date())
            result = enqueue(daily_jobs_run)
            claim.task_id = str(result.id) if result is not None else ""
            claim.save(update_fields=["task_id"])
    except IntegrityError:
        return None  # another worker's scheduler claimed today first
    return claim.task_id


def periodic_jobs_enqueue_due(*, now=None) -> list[str]:
    """Enqueue each periodic job whose current slot (e.g. 10:15–10:30) has not
    run yet; the slot is claimed like the daily run (once, any number of
    workers). Returns the names enqueued."""
    from .background import enqueue
    from .models import ScheduledRun

    local = timezone.localtime(now or timezone.now())
    minutes = local.hour * 60 + local.minute
    started = []
    for job in registry.periodic_jobs.values():
        claim = f"{job.name}#{minutes // job.every_minutes}"
        if ScheduledRun.objects.filter(name=claim, day=local.date()).exists():
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=claim, day=local.date())
                enqueue(job.task)
        except IntegrityError:
            continue
        started.append(job.name)
    return started


class WorkerLost(Exception):
    """The worker running this task stopped (killed, machine restarted)."""


def tasks_fail_stale(*, now=None) -> int:
    """Fail tasks that have been "running" with no sign of life for longer than
    TASK_STALE_AFTER_MINUTES: their worker is gone and they would never finish.
    An administrator can retry them from /tasks/."""
    from django_tasks_db.models import DBTaskResult

    from .models import TaskRun

    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.TASK_STALE_AFTER_MINUTES)
    running = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff)
    alive = set(
        TaskRun.objects.filter(
            task_id__in=[str(pk) for pk in running.values_list("pk", flat=True)],
            heartbeat_at__gte=cutoff,
        ).values_list("task_id", flat=True)
    )
    failed = 0
    for result in running:
        if str(result.pk) in alive:
            continue
        result.set_failed(
            WorkerLost(
                f"No sign of life for {settings.TASK_STALE_AFTER_MINUTES} minutes: "
                "its worker stopped. Retry it from the tasks page."
            )
        )
        failed += 1
    return failed


def task_results_prune(*, now=None) -> int:
    from django_tasks_db.models import DBTaskResult

    from .models import TaskRun

    now = now or timezone.now()
    old = DBTaskResult.objects.filter(
        status="SUCCESSFUL", finished_at__lt=now - KEEP_FINISHED
    ) | DBTaskResult.objects.filter(status="FAILED", finished_at__lt=now - KEEP_FAILED)
    ids = [str(pk) for pk in old.values_list("pk", flat=True)]
    TaskRun.objects.filter(task_id__in=ids).delete()
    deleted, _rows = DBTaskResult.objects.filter(pk__in=ids).delete()
    return deleted


def scheduler_tick(*, now=None) -> None:
    """One pass of the worker's scheduler thread; never raises (a database blip
    must not kill the worker), always leaves the thread's connection closed."""
    try:
        daily_jobs_enqueue_due(now=now)
        periodic_jobs_enqueue_due(now=now)
        tasks_fail_stale(now=now)
    except Exception:
        logger.exception("Scheduler tick failed; trying again shortly")
    finally:
        connection.close()
