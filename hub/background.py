"""Background work on Django's Tasks API (the `django-tasks` backport).

Two task backends (settings.TASKS):
- `default` stays the immediate backend: Wagtail's per-save search and reference
  index updates run in the request that saved, so an editor finds the page they
  just published (and seeding does not queue thousands of tiny tasks).
- `background` is where the hub's slow work goes — imports, reindexing, mail,
  digests, daily jobs. In production and the demo it is the database backend
  (`django-tasks-db`): the task row is written in the same transaction as the
  data it is about, so a task is never lost nor run before its data exists, and
  `manage.py run_worker` runs it. Tests make it immediate.

Tasks are declared with `@background_task` and enqueued with `enqueue()`; they
report progress with `progress()`, and a transient failure (a mail server away)
is retried later with `retry_later()`. What the worker did — status, progress,
tracebacks, retries — is on `/tasks/` for administrators.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task as _task
from django_tasks import task_backends

logger = logging.getLogger(__name__)

BACKGROUND = "background"
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


# Task module path → what administrators read on /tasks/ (translated).
TASK_LABELS: dict[str, object] = {}


def background_task(function=None, *, label=None, **options):
    """`@task` on the background backend; `takes_context=True` by default, so a
    task can report progress and schedule its own retry. `label` is the name
    administrators see."""
    options.setdefault("backend", BACKGROUND)
    options.setdefault("takes_context", True)

    def decorate(func):
        task = _task(**options)(func)
        TASK_LABELS[task.module_path] = label or func.__name__.replace("_", " ")
        return task

    return decorate(function) if function is not None else decorate


def task_label(task_path: str):
    return TASK_LABELS.get(task_path) or task_path.rsplit(".", 1)[-1]


def backend_stores_results(alias: str = BACKGROUND) -> bool:
    """True when tasks are kept in a queue a worker reads (database backend):
    only then are there results to list, retry or defer."""
    return task_backends[alias].supports_defer


def enqueue(task, *args, **kwargs):
    """Enqueue `task` for the write in progress.

    A queued backend writes the task row in the caller's transaction (atomic
    with the data; the worker sees both at commit). An immediate backend would
    run the task before the caller's data is committed, so it waits for the
    commit. Returns the TaskResult when there is one to follow now, else None.
    """
    if backend_stores_results(task.backend):
        result = task.enqueue(*args, **kwargs)
        _record_run(result.id, task)
        return result
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None


def _record_run(task_id: str, task, *, retry_of: str = "", attempt: int = 1, by=None):
    from .models import TaskRun

    return TaskRun.objects.create(
        task_id=str(task_id),
        task_name=task.name,
        retry_of=retry_of,
        attempt=attempt,
        retried_by=by,
    )


def progress(context, done: int, total: int | None = None, message: str = "") -> None:
    """Tell administrators (and pages polling the task) how far the task is."""
    from .models import TaskRun

    if context is None:
        return
    TaskRun.objects.update_or_create(
        task_id=str(context.task_result.id),
        defaults={
            "task_name": context.task_result.task.name,
            "done": max(done, 0),
            "total": total,
            "message": message[:255],
            "heartbeat_at": timezone.now(),
        },
    )


def retry_later(context, error: BaseException) -> bool:
    """Schedule another attempt of the running task after a transient error
    (the caller then re-raises, so this attempt stays recorded as failed with its
    traceback). False when attempts are exhausted or the backend cannot defer."""
    from .models import TaskRun

    if context is None or not backend_stores_results(context.task_result.backend):
        return False
    current = TaskRun.objects.filter(task_id=str(context.task_result.id)).first()
    attempt = current.attempt if current else 1
    if attempt > len(RETRY_DELAYS):
        logger.warning(
            "Task %s gave up after %d attempts", context.task_result.id, attempt
        )
        return False
    task = context.task_result.task
    run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
    retry = task.using(run_after=run_after).enqueue(
        *context.task_result.args, **context.task_result.kwargs
    )
    _record_run(
        retry.id, task, retry_of=str(context.task_result.id), attempt=attempt + 1
    )
    logger.info(
        "Task %s failed (%s); retry %s at %s", task.name, error, retry.id, run_after
    )
    return True


@transaction.atomic
def task_retry(*, task_id: str, by):
    """Run a failed task again (an administrator's "Retry"); audited."""
    from django_tasks_db.models import DBTaskResult

    from .models import TaskRun
    from .services import audit_log

    failed = DBTaskResult.objects.select_for_update().get(pk=task_id)
    if failed.status != "FAILED":
        raise ValueError("Only a failed task can be retried.")
    previous = TaskRun.objects.filter(task_id=str(failed.pk)).first()
    task = failed.task
    result = task.enqueue(*failed.args_kwargs["args"], **failed.args_kwargs["kwargs"])
    attempt = (previous.attempt if previous else 1) + 1
    run = _record_run(result.id, task, retry_of=str(failed.pk), attempt=attempt, by=by)
    audit_log(
        actor=by,
        action="task.retry",
        target=run,
        changes={"task": task.name, "failed": str(failed.pk), "retry": str(result.id)},
    )
    return result


@transaction.atomic
def task_enqueue_by_name(*, name: str, by):
    """Run a registered daily job now (an administrator's "Run now"); audited."""
    from .registry import registry
    from .services import audit_log

    job = registry.daily_jobs[name]
    result = enqueue(job.task)
    run = None
    if result is not None:
        from .models import TaskRun

        run = TaskRun.objects.get(task_id=str(result.id))
    audit_log(actor=by, action="task.run_now", target=run, changes={"job": name})
    return result
