"""Faults: Redis down (HTTP keeps working, /healthz names the channel layer, a
write still succeeds, pages say live updates are paused, then recover); the
database failing in the middle of a write (503, nothing half-written); an import
killed halfway (rolled back per batch, re-run gives the right totals)."""

from __future__ import annotations

import os

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.test import Client

from hub import realtime
from prospecting import imports
from prospecting.models import Company, ImportJob, Lead

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Port 1: nothing listens there, connections are refused at once.
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}


def _working_layer():
    url = os.environ.get("REDIS_URL")
    if url:
        return {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [url], "prefix": "test-hardening-faults"},
            }
        }
    return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def _live_notice_shown(client) -> bool:
    page = client.get("/war-room/").content.decode()
    start = page.index('id="live-notice"')
    tag = page[start : page.index(">", start)]
    return "hidden" not in tag


def test_redis_down_then_back(world, settings, django_capture_on_commit_callbacks):
    client = world.client("sales")
    settings.CHANNEL_LAYERS = DEAD_REDIS
    try:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["failing"] == ["channel_layer"]
        assert health.json()["database"]["ok"] is True
        assert client.get("/war-room/").status_code == 200  # HTTP keeps working

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/war-room/add/", {"company": "Clôtures pendant la panne"}
            )
        assert response.status_code == 302, response.content[:300]
        assert Lead.objects.filter(company__name="Clôtures pendant la panne").exists()
        assert realtime.is_degraded()
        assert _live_notice_shown(client)
    finally:
        settings.CHANNEL_LAYERS = _working_layer()

    # Redis is back: the next live event goes through and the notice goes away.
    assert client.get("/healthz").json()["channel_layer"]["ok"] is True
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/war-room/add/", {"company": "Clôtures après la panne"})
    assert not realtime.is_degraded()
    assert not _live_notice_shown(client)


def test_database_failing_mid_intake_leaves_nothing(world, monkeypatch):
    """The company row is written, then the database fails: the 503 page, and the
    company is gone with the rest (lead_intake is one transaction)."""
    from prospecting.services import intake

    real = intake.contact_for

    def fail_after_company(company, contact_data):
        assert Company.objects.filter(pk=company.pk).exists()  # written so far
        real(company, contact_data)
        raise OperationalError("database is locked")

    monkeypatch.setattr(intake, "contact_for", fail_after_company)
    before = (Company.objects.count(), Lead.objects.count())
    client = world.client("sales")
    response = client.post(
        "/war-room/add/",
        {"company": "Clôtures Verrou", "contact_name": "Paul Verrou"},
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert (Company.objects.count(), Lead.objects.count()) == before
    assert not Company.objects.filter(name="Clôtures Verrou").exists()


def test_database_failing_mid_microsite_form_leaves_nothing(world, monkeypatch):
    """The stored form submission and the lead are one transaction."""
    from wagtail.contrib.forms.models import FormSubmission

    from prospecting.services import intake
    from tests.microsites.test_contact import form_data

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(intake, "contact_for", locked)
    before = (Lead.objects.count(), FormSubmission.objects.count())
    client = Client(HTTP_HOST="portails-bordeaux.test")
    response = client.post("/devis/", form_data())
    assert response.status_code == 503
    assert (Lead.objects.count(), FormSubmission.objects.count()) == before


# --- an import killed halfway ------------------------------------------------------

ROWS = "Société;Ville\n" + "".join(f"Clôtures n°{i};Pau\n" for i in range(1, 8))
MAPPING = {"Société": "company.name", "Ville": "company.city"}


def _rows():
    return [
        (n + 2, {"Société": f"Clôtures n°{n + 1}", "Ville": "Pau"}) for n in range(7)
    ]


def test_import_killed_in_a_batch_keeps_whole_batches_and_rerun_completes(
    world, monkeypatch
):
    user = world.users["sales"]
    real = imports.import_rows
    calls = {"n": 0}

    def dies_in_second_batch(batch, mapping, *, by, import_job_id=None):
        calls["n"] += 1
        results = real(
            batch, mapping, by=by, import_job_id=import_job_id
        )  # rows written…
        if calls["n"] == 2:
            raise RuntimeError("worker killed")  # …then the process dies
        return results

    monkeypatch.setattr(imports, "import_rows", dies_in_second_batch)
    with pytest.raises(RuntimeError):
        imports.run_import(_rows(), MAPPING, by=user, batch_size=3)
    names = set(
        Lead.objects.filter(source="import").values_list("company__name", flat=True)
    )
    assert names == {"Clôtures n°1", "Clôtures n°2", "Clôtures n°3"}  # batch 1 only

    monkeypatch.setattr(imports, "import_rows", real)
    report = imports.run_import(_rows(), MAPPING, by=user, batch_size=3)
    assert report.counts["imported"] == 4
    assert report.counts["skipped"] == 3  # "already imported (lead #…)"
    assert Lead.objects.filter(source="import").count() == 7


def test_import_task_failing_on_the_database_resumes_where_it_stopped(
    world, monkeypatch
):
    """The background import dies in its second batch (database locked): the
    first batch and the job's counters are committed together, the job says it
    stopped, and running the task again (an administrator's Retry) finishes it
    without importing a row twice."""
    from prospecting.services.imports import import_job_run

    user = world.users["sales"]
    job = ImportJob(
        created_by=user,
        original_name="salon.csv",
        encoding="utf-8",
        delimiter=";",
        headers=["Société", "Ville"],
        mapping=MAPPING,
        status=ImportJob.Status.RUNNING,
        total_rows=7,
    )
    job.file.save("salon-hardening.csv", ContentFile(ROWS.encode()), save=True)
    monkeypatch.setattr(imports, "BATCH_SIZE", 3)
    real = imports.run_batch
    calls = {"n": 0}

    def locked_in_second(batch, mapping, *, by, report, notify=True, **kwargs):
        calls["n"] += 1
        real(batch, mapping, by=by, report=report, notify=notify, **kwargs)
        if calls["n"] == 2:
            raise OperationalError("database is locked")

    monkeypatch.setattr(imports, "run_batch", locked_in_second)
    with pytest.raises(OperationalError):
        import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "3" in job.error
    assert (job.processed_rows, Lead.objects.filter(source="import").count()) == (3, 3)
    page = world.client("sales").get(f"/war-room/import/{job.pk}/status/").json()
    assert page["status"] == "failed" and page["processed"] == 3

    monkeypatch.setattr(imports, "run_batch", real)
    job = import_job_run(job_id=job.pk)
    assert job.status == ImportJob.Status.DONE
    assert job.counts["imported"] == 7 and job.processed_rows == 7
    assert Lead.objects.filter(source="import").count() == 7
    job.file.delete(save=False)
