"""Reads owned by the hub."""

from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page, Site

from .models import AuditEntry, Notification


def counts(**querysets) -> dict[str, int]:
    """`{name: queryset.count()}` in one round trip: one SELECT of scalar
    COUNT subqueries, each the queryset's own SQL (the staff home shows several
    unrelated counts on every request)."""
    columns, params = [], []
    for queryset in querysets.values():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        # the queryset's own compiled SQL, its values passed as parameters
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def hub_counts() -> dict[str, int]:
    return counts(
        users=get_user_model().objects.filter(is_active=True),
        pages=Page.objects.filter(depth__gt=1).live(),
        sites=Site.objects.all(),
    )


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_list(*, user, limit: int = 20):
    return Notification.objects.filter(user=user).select_related("actor")[:limit]


def audit_entry_list(*, actor=None, action_prefix: str = ""):
    queryset = AuditEntry.objects.select_related("actor", "target_type")
    if actor is not None:
        queryset = queryset.filter(actor=actor)
    if action_prefix:
        queryset = queryset.filter(action__startswith=action_prefix)
    return queryset


# -- background tasks ------------------------------------------------------------

TASK_STATUSES = ("READY", "RUNNING", "FAILED", "SUCCESSFUL")


def task_result_list(*, status: str = "", name: str = ""):
    """The background backend's stored tasks, newest first, each with its hub
    run (progress, attempt) attached as `.run`. Filters come from the query
    string: unknown values are ignored by the caller, never passed here."""
    from django_tasks_db.models import DBTaskResult

    from .background import BACKGROUND

    queryset = DBTaskResult.objects.filter(backend_name=BACKGROUND).order_by(
        "-enqueued_at"
    )
    if status:
        queryset = queryset.filter(status=status)
    if name:
        queryset = queryset.filter(task_path__icontains=name)
    return queryset.defer("return_value", "traceback", "args_kwargs")


def task_runs_for(task_ids) -> dict:
    from .models import TaskRun

    return {
        run.task_id: run
        for run in TaskRun.objects.filter(task_id__in=[str(i) for i in task_ids])
    }


def task_status_counts() -> dict[str, int]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from .background import BACKGROUND

    rows = (
        DBTaskResult.objects.filter(backend_name=BACKGROUND)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(TASK_STATUSES, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def worker_seems_down(*, now=None, waiting_for_minutes: int = 2) -> bool:
    """Tasks have been ready for minutes and none is running: no worker reads the
    queue (the page says so instead of letting imports wait silently)."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from .background import BACKGROUND

    now = now or timezone.now()
    tasks = DBTaskResult.objects.filter(backend_name=BACKGROUND)
    stuck = tasks.ready().filter(
        enqueued_at__lt=now - timedelta(minutes=waiting_for_minutes)
    )
    return stuck.exists() and not tasks.filter(status="RUNNING").exists()


def last_daily_run():
    from .models import ScheduledRun
    from .scheduler import DAILY

    return ScheduledRun.objects.filter(name=DAILY).order_by("-day").first()


def retries_of(task_id):
    """The later attempts of a task (automatic or an administrator's retry)."""
    from .models import TaskRun

    ids = TaskRun.objects.filter(retry_of=str(task_id)).values_list(
        "task_id", flat=True
    )
    return task_result_list().filter(pk__in=list(ids)).order_by("enqueued_at")
