"""`run_daily_jobs`: every daily job in order, each isolated, exit status 1 when
one failed. The failure is a real one: the digest's SMTP server refuses."""

import io
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import ManagementUtility, call_command
from django.utils import timezone

from hub.management.commands.run_daily_jobs import DAILY_JOBS
from hub.models import Notification
from prospecting import services
from prospecting.models import ImportJob
from tests.prospecting.factories import make_lead

# Transactional: manage.py's entry point closes every connection when it ends.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(tmp_path, settings, sales_user):
    """A lead whose next action is due (reminder → digest mail) and a finished
    import past its 90-day retention (file to purge)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    lead = make_lead("Relance SA", by=sales_user)
    services.lead_update(
        lead=lead,
        by=sales_user,
        owner=sales_user,
        next_action="Rappeler",
        next_action_due=timezone.localdate() - timedelta(days=1),
    )
    Notification.objects.all().delete()  # only the reminder's from here on
    job = ImportJob(
        created_by=sales_user,
        original_name="old.csv",
        status=ImportJob.Status.DONE,
        created_at=timezone.now() - timedelta(days=91),
    )
    job.file.save("old.csv", ContentFile(b"Nom\nDupont\n"), save=True)
    return {"lead": lead, "job": job, "file": Path(job.file.path)}


def refused_smtp(settings):
    """Point e-mail at a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def run_from_argv() -> tuple[int, str, str]:
    """As cron runs it: through manage.py's entry point, exit status included."""
    import contextlib
    import sys

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            ManagementUtility([sys.argv[0], "run_daily_jobs"]).execute()
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_every_daily_job_is_listed_in_order():
    names = [name for name, _args in DAILY_JOBS]
    assert names == [
        "remind_next_actions",
        "send_review_reminders",
        "send_notification_digest",
        "purge_wiki_trash",
        "purge_import_files",
    ]
    assert dict(DAILY_JOBS)["purge_wiki_trash"] == ["--days", "30"]
    assert dict(DAILY_JOBS)["purge_import_files"] == ["--days", "90"]


def test_runs_every_job_in_order_with_progress(world, sales_user):
    out = io.StringIO()
    call_command("run_daily_jobs", stdout=out)
    text = out.getvalue()
    # The reminder made today's notification, the digest then mailed it.
    note = Notification.objects.get(user=sales_user)
    assert note.verb.endswith("Rappeler") and note.emailed_at is not None
    assert [m.to for m in mail.outbox] == [[sales_user.email]]
    assert not world["file"].exists()
    world["job"].refresh_from_db()
    assert world["job"].file.name == ""
    lines = [line for line in text.splitlines() if line.startswith("[")]
    assert lines[0] == "[1/5] remind_next_actions"
    assert "[3/5] send_notification_digest done in" in text
    assert "[4/5] purge_wiki_trash --days 30" in lines
    assert "[5/5] purge_import_files --days 90" in lines
    assert "1 import files deleted" in text  # the job's own output goes through
    assert text.rstrip().endswith("All 5 daily jobs done.")
    assert run_from_argv()[0] == 0


def test_a_failing_job_does_not_stop_the_others(world, settings, sales_user):
    refused_smtp(settings)
    code, out, err = run_from_argv()
    assert code == 1
    assert "[3/5] send_notification_digest FAILED: ConnectionRefusedError" in out
    assert "Traceback" in err and "ConnectionRefusedError" in err
    assert "1 of 5 daily jobs failed: send_notification_digest" in err
    # Before the failure: the reminder is there, still unmailed (its digest
    # transaction rolled back, so tomorrow's run mails it).
    note = Notification.objects.get(user=sales_user)
    assert note.emailed_at is None
    # After it: the purges still ran.
    assert "[4/5] purge_wiki_trash done in" in out
    assert "[5/5] purge_import_files done in" in out
    assert not world["file"].exists()
    assert "All 5 daily jobs done." not in out


def test_a_job_refusing_its_arguments_is_reported_too(world, monkeypatch):
    """A mistyped schedule (here a job given a refused argument) is a failure
    like any other: reported, the rest runs, status 1."""
    from hub.management.commands import run_daily_jobs

    jobs = [("purge_import_files", ["--days", "0"]), *run_daily_jobs.DAILY_JOBS[:1]]
    monkeypatch.setattr(run_daily_jobs, "DAILY_JOBS", jobs)
    code, out, _err = run_from_argv()
    assert code == 1
    assert "[1/2] purge_import_files FAILED: CommandError: --days must be" in out
    assert "[2/2] remind_next_actions done in" in out
    assert world["file"].exists()
