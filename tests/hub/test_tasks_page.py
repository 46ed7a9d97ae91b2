"""/tasks/ for administrators: the queue as the worker sees it, failures with
their traceback, Retry, and the daily jobs' "Run now". The background backend is
the real database queue here (the tests' default runs tasks immediately)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hub import background
from hub.models import AuditEntry, TaskRun
from hub.scheduler import WorkerLost, tasks_fail_stale
from hub.tasks import notification_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    assert background.backend_stores_results()


def _failed_result():
    result = background.enqueue(notification_digest)
    row = DBTaskResult.objects.get(pk=result.id)
    try:
        raise ConnectionRefusedError("[Errno 111] Connection refused")
    except ConnectionRefusedError as error:
        row.set_failed(error)
    return row


def test_only_superusers_see_the_tasks(client, staff_user, manager_user, admin_user):
    for user in (staff_user, manager_user):
        client.force_login(user)
        assert client.get("/tasks/").status_code == 403
    client.force_login(admin_user)
    assert client.get("/tasks/").status_code == 200
    client.logout()
    assert client.get("/tasks/").status_code == 302


def test_without_a_queue_the_page_says_tasks_run_immediately(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/tasks/").content.decode()
    assert "Les tâches s’exécutent immédiatement" in page
    assert "send_notification_digest" in page  # the daily jobs are still listed


def test_the_list_shows_status_progress_and_counts(queued, client, admin_user):
    running = background.enqueue(notification_digest)
    DBTaskResult.objects.filter(pk=running.id).update(
        status="RUNNING", started_at=timezone.now()
    )
    TaskRun.objects.filter(task_id=running.id).update(done=40, total=100)
    failed = _failed_result()
    client.force_login(admin_user)
    response = client.get("/tasks/")
    page = response.content.decode()
    assert response.context["counts"]["RUNNING"] == 1
    assert response.context["counts"]["FAILED"] == 1
    assert 'value="40"' in page and "40/100" in page
    assert "Digest quotidien des notifications" in page  # the task's label
    failed_only = client.get("/tasks/?status=FAILED").context["rows"]
    assert [row["result"].pk for row in failed_only] == [failed.pk]
    assert client.get("/tasks/?status=bogus").context["status"] == ""


def test_a_failure_shows_its_traceback(queued, client, admin_user):
    failed = _failed_result()
    client.force_login(admin_user)
    page = client.get(f"/tasks/{failed.pk}/").content.decode()
    assert "ConnectionRefusedError" in page and "Traceback" in page
    assert "Réessayer" in page


def test_retry_runs_a_failed_task_again_and_is_audited(queued, client, admin_user):
    failed = _failed_result()
    client.force_login(admin_user)
    response = client.post(f"/tasks/{failed.pk}/retry/")
    retry = DBTaskResult.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == f"/tasks/{retry.pk}/"
    assert retry.status == "READY" and retry.task_path == failed.task_path
    run = TaskRun.objects.get(task_id=str(retry.pk))
    assert (run.attempt, run.retry_of) == (2, str(failed.pk))
    assert run.retried_by == admin_user
    entry = AuditEntry.objects.get(action="task.retry")
    assert entry.actor == admin_user and entry.changes["failed"] == str(failed.pk)
    page = client.get(f"/tasks/{failed.pk}/").content.decode()
    assert f"/tasks/{retry.pk}/" in page  # later attempts are linked


def test_only_a_failed_task_can_be_retried(queued, client, admin_user):
    waiting = background.enqueue(notification_digest)
    client.force_login(admin_user)
    response = client.post(f"/tasks/{waiting.id}/retry/", follow=True)
    assert "Seule une tâche en échec" in response.content.decode()
    assert DBTaskResult.objects.count() == 1


def test_retry_is_refused_to_others(queued, client, manager_user):
    failed = _failed_result()
    client.force_login(manager_user)
    assert client.post(f"/tasks/{failed.pk}/retry/").status_code == 403
    assert DBTaskResult.objects.count() == 1


def test_unknown_or_malformed_task_ids_are_404(queued, client, admin_user):
    client.force_login(admin_user)
    assert client.get("/tasks/not-a-uuid/").status_code == 404
    assert client.get("/tasks/0b1e2f6a-8d3c-4c55-9a41-0e7e3b2a9c11/").status_code == 404


def test_run_now_queues_a_daily_job(queued, client, admin_user, staff_user):
    client.force_login(admin_user)
    response = client.post("/tasks/daily/send_notification_digest/run/")
    result = DBTaskResult.objects.get()
    assert response["Location"] == f"/tasks/{result.pk}/"
    assert result.task_path == "hub.tasks.notification_digest"
    assert AuditEntry.objects.filter(action="task.run_now").exists()
    assert client.post("/tasks/daily/nope/run/").status_code == 404
    client.force_login(staff_user)
    assert client.post("/tasks/daily/send_notification_digest/run/").status_code == 403


def test_the_page_warns_when_no_worker_reads_the_queue(queued, client, admin_user):
    result = background.enqueue(notification_digest)
    client.force_login(admin_user)
    assert not client.get("/tasks/").context["worker_down"]
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=5)
    )
    assert client.get("/tasks/").context["worker_down"]


def test_a_task_whose_worker_died_is_failed_not_left_running(queued, settings):
    settings.TASK_STALE_AFTER_MINUTES = 60
    dead = background.enqueue(notification_digest)
    alive = background.enqueue(notification_digest)
    two_hours_ago = timezone.now() - timedelta(hours=2)
    DBTaskResult.objects.update(status="RUNNING", started_at=two_hours_ago)
    TaskRun.objects.filter(task_id=alive.id).update(heartbeat_at=timezone.now())
    assert tasks_fail_stale() == 1
    row = DBTaskResult.objects.get(pk=dead.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == f"{WorkerLost.__module__}.WorkerLost"
    assert DBTaskResult.objects.get(pk=alive.id).status == "RUNNING"


def test_automatic_retry_is_scheduled_after_a_transient_error(queued):
    """A mail task that hits a refused SMTP server schedules its next attempt
    (1, 5, 30 minutes), then gives up."""
    from django_tasks import TaskContext

    first = background.enqueue(notification_digest)
    context = TaskContext(task_result=first)
    assert background.retry_later(context, ConnectionRefusedError())
    second = DBTaskResult.objects.exclude(pk=first.id).get()
    assert second.run_after > timezone.now() + timedelta(seconds=50)
    run = TaskRun.objects.get(task_id=str(second.pk))
    assert (run.attempt, run.retry_of) == (2, str(first.id))
    TaskRun.objects.filter(task_id=str(second.pk)).update(attempt=4)
    last = TaskContext(task_result=second.task_result)
    assert not background.retry_later(last, ConnectionRefusedError())
