"""/tasks/: what the background worker did, for administrators (superusers).

Status, progress, tracebacks of failures, a Retry button, and the daily jobs
with a "Run now" button. Thin views: reads in selectors, writes in background.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import background, selectors
from .registry import registry


def superuser_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _row(result, runs):
    return {
        "result": result,
        "label": background.task_label(result.task_path),
        "run": runs.get(str(result.pk)),
    }


@superuser_required
@require_GET
def task_list(request):
    queued = background.backend_stores_results()
    context = {"queued": queued, "jobs": registry.ordered_daily_jobs()}
    if queued:
        status = request.GET.get("status", "")
        status = status if status in selectors.TASK_STATUSES else ""
        name = request.GET.get("name", "")[:100]
        page = Paginator(
            selectors.task_result_list(status=status, name=name), 50
        ).get_page(request.GET.get("page"))
        runs = selectors.task_runs_for(r.pk for r in page)
        context.update(
            page_obj=page,
            rows=[_row(result, runs) for result in page],
            status=status,
            name=name,
            counts=selectors.task_status_counts(),
            worker_down=selectors.worker_seems_down(),
            last_daily=selectors.last_daily_run(),
        )
    return TemplateResponse(request, "hub/tasks.html", context)


def _result_or_404(task_id):
    from django.core.exceptions import ValidationError
    from django_tasks_db.models import DBTaskResult

    try:
        return DBTaskResult.objects.get(pk=task_id, backend_name=background.BACKGROUND)
    except (DBTaskResult.DoesNotExist, ValidationError):
        raise Http404 from None


@superuser_required
@require_GET
def task_detail(request, task_id):
    if not background.backend_stores_results():
        raise Http404
    result = _result_or_404(task_id)
    row = _row(result, selectors.task_runs_for([result.pk]))
    retries = list(selectors.retries_of(result.pk))
    runs = selectors.task_runs_for(r.pk for r in retries)
    return TemplateResponse(
        request,
        "hub/task_detail.html",
        {
            "row": row,
            "result": result,
            "retries": [_row(r, runs) for r in retries],
            "retry_of": row["run"].retry_of if row["run"] else "",
        },
    )


@superuser_required
@require_POST
def task_retry(request, task_id):
    result = _result_or_404(task_id)
    try:
        retry = background.task_retry(task_id=result.pk, by=request.user)
    except ValueError:
        messages.error(request, _("Only a failed task can be retried."))
        return redirect("task_detail", task_id=result.pk)
    messages.success(request, _("The task will run again."))
    return redirect("task_detail", task_id=retry.id)


@superuser_required
@require_POST
def job_run_now(request, name):
    if name not in registry.daily_jobs:
        raise Http404
    result = background.task_enqueue_by_name(name=name, by=request.user)
    if result is None:
        messages.success(request, _("“%(job)s” ran.") % {"job": name})
        return redirect("task_list")
    messages.success(request, _("“%(job)s” is queued.") % {"job": name})
    return redirect("task_detail", task_id=result.id)
