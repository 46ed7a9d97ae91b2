"""Through a real worker process: `manage.py run_worker` reads the database
queue the test wrote to, runs the tasks, stores their results and tracebacks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from hub import background
from hub.models import AuditEntry, TaskRun

from .worker_tasks import explode, record

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The test database, as the worker process must reach it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def run_worker(*extra) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": _database_url(),
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--backend",
            "database",
            "--batch",
            "--no-startup-delay",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_real_worker_runs_the_queue(settings):
    done = background.enqueue(record, "bonjour")
    failed = background.enqueue(explode)
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    worker = run_worker()
    assert worker.returncode == 0, worker.stderr

    ok = DBTaskResult.objects.get(pk=done.id)
    assert ok.status == "SUCCESSFUL" and ok.return_value == {"written": "bonjour"}
    assert AuditEntry.objects.get(action="test.worker").changes == {"text": "bonjour"}
    run = TaskRun.objects.get(task_id=str(done.id))
    assert (run.done, run.total, run.message) == (2, 2, "done")
    assert run.heartbeat_at is not None

    bad = DBTaskResult.objects.get(pk=failed.id)
    assert bad.status == "FAILED"
    assert bad.exception_class_path == "builtins.RuntimeError"
    assert "the mail server is on fire" in bad.traceback

    # An administrator's Retry: the same task queued again, run by the worker.
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    retry = background.task_retry(task_id=bad.pk, by=admin)
    assert run_worker().returncode == 0
    assert DBTaskResult.objects.get(pk=retry.id).status == "FAILED"  # still on fire
    assert TaskRun.objects.get(task_id=str(retry.id)).attempt == 2


def test_the_worker_refuses_a_backend_that_is_not_a_queue():
    result = run_worker("--backend", "background")  # immediate in tests
    assert result.returncode != 0
    assert "background" in (result.stderr + result.stdout)
