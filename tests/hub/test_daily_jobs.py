"""The daily jobs: registered by the apps, run in order by `run_daily_jobs` (cron)
or the worker's scheduler, each isolated, exit status 1 when one failed. The
failure is a real one: the digest's SMTP server refuses."""

import io
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import ManagementUtility, call_command
from django.utils import timezone

from hub.models import Notification, ScheduledRun
from hub.registry import registry
from hub.scheduler import daily_jobs_enqueue_due, run_daily_jobs
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


EXPECTED_ORDER = [
    "remind_next_actions",
    "send_review_reminders",
    "count_live_class_attendance_daily",
    "send_notification_digest",
    "demand_review",
    "purge_wiki_trash",
    "purge_import_files",
    "prune_task_results",
]


def test_every_daily_job_is_registered_in_order():
    """Reminders ring bells before the digest mails them; purges come last."""
    assert [job.name for job in registry.ordered_daily_jobs()] == EXPECTED_ORDER


def test_runs_every_job_in_order_with_progress(world, sales_user):
    out = io.StringIO()
    call_command("run_daily_jobs", stdout=out)
    text = out.getvalue()
    # The reminder made today's notification, the digest then mailed it.
    note = Notification.objects.get(user=sales_user)
    assert note.verb.endswith("Rappeler") and note.emailed_at is not None
    assert note.kind == "lead.next_action"
    assert [m.to for m in mail.outbox] == [[sales_user.email]]
    assert not world["file"].exists()
    world["job"].refresh_from_db()
    assert world["job"].file.name == ""
    lines = [line for line in text.splitlines() if line.startswith("[")]
    assert lines[0] == "[1/8] remind_next_actions"
    assert "[4/8] send_notification_digest done in" in text
    assert "(digests 1, notifications 1)" in text  # the job's own summary
    assert "[7/8] purge_import_files done in" in text
    assert "(files 1)" in text
    assert text.rstrip().endswith("All 8 daily jobs done.")
    assert run_from_argv()[0] == 0


def test_a_failing_job_does_not_stop_the_others(world, settings, sales_user):
    refused_smtp(settings)
    code, out, err = run_from_argv()
    assert code == 1
    assert "[4/8] send_notification_digest FAILED: ConnectionRefusedError" in out
    assert "Traceback" in err and "ConnectionRefusedError" in err
    assert "1 of 8 daily jobs failed: send_notification_digest" in err
    # Before the failure: the reminder is there, still unmailed (its digest
    # transaction rolled back, so tomorrow's run mails it).
    note = Notification.objects.get(user=sales_user)
    assert note.emailed_at is None
    # After it: the purges still ran.
    assert "[6/8] purge_wiki_trash done in" in out
    assert "[7/8] purge_import_files done in" in out
    assert not world["file"].exists()
    assert "All 8 daily jobs done." not in out


def test_the_report_keeps_each_failure_and_its_traceback(world, settings):
    refused_smtp(settings)
    steps = []
    report = run_daily_jobs(on_step=lambda done, total, name: steps.append(done))
    assert report.failed == ["send_notification_digest"]
    assert "ConnectionRefusedError" in report.tracebacks["send_notification_digest"]
    assert report.summaries["purge_import_files"] == {"files": 1}
    assert steps == [0, 1, 2, 3, 4, 5, 6, 7, 8]  # progress, then "all done"


def test_the_scheduler_claims_each_day_once(settings, monkeypatch):
    """Several workers: the first tick after DAILY_JOBS_AT runs the day, the
    others (and later ticks) see the claim."""
    from django.utils import timezone as tz

    settings.DAILY_JOBS_AT = "06:00"
    ran = []
    monkeypatch.setattr(
        "hub.scheduler.run_daily_jobs", lambda **kw: ran.append(1) or _empty_report()
    )
    morning = tz.make_aware(tz.datetime(2026, 12, 2, 5, 59))
    assert daily_jobs_enqueue_due(now=morning) is None
    assert not ScheduledRun.objects.exists()
    later = tz.make_aware(tz.datetime(2026, 12, 2, 6, 1))
    daily_jobs_enqueue_due(now=later)
    daily_jobs_enqueue_due(now=later + timedelta(hours=3))
    assert ScheduledRun.objects.filter(day=later.date()).count() == 1
    assert ran == [1]  # immediate backend: the run happened once, after commit
    next_day = later + timedelta(days=1)
    daily_jobs_enqueue_due(now=next_day)
    assert ScheduledRun.objects.count() == 2 and ran == [1, 1]


def _empty_report():
    from hub.scheduler import DailyReport

    return DailyReport()


def test_a_bad_daily_time_is_a_clear_error(settings):
    settings.DAILY_JOBS_AT = "six o'clock"
    with pytest.raises(ValueError, match="DAILY_JOBS_AT must be HH:MM"):
        daily_jobs_enqueue_due()
