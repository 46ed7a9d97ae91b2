"""Import files are private: stored outside MEDIA_ROOT, without a URL, moved
there by migration 0004, and deleted after the retention period (job rows kept)."""

import importlib
import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from hub.models import AuditEntry
from prospecting.checks import private_media_root_check
from prospecting.models import ImportJob, Lead

from .factories import SAMPLE_MAPPING
from .test_imports import write

pytestmark = pytest.mark.django_db

migration = importlib.import_module("prospecting.migrations.0004_private_import_files")


def public_media_root() -> Path:
    """The directory the /media/ route really serves (bound when urls loaded)."""
    match = resolve("/media/probe.txt")
    return Path(match.kwargs["document_root"])


def test_uploaded_file_is_private_and_the_import_still_works(
    tmp_path, roots, sales_user, django_capture_on_commit_callbacks
):
    media, private = roots
    client = Client()
    client.force_login(sales_user)
    data = write(tmp_path, encoding="utf-8-sig").read_bytes()
    response = client.post(
        "/war-room/import/", {"file": SimpleUploadedFile("export.csv", data)}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/war-room/import/{job.pk}/"
    stored = Path(job.file.path)
    assert stored.read_bytes() == data
    assert private.resolve() in stored.resolve().parents
    assert not any(media.rglob("*.csv")) if media.exists() else True
    assert stored.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ValueError, match="not accessible via a URL"):
        job.file.url  # noqa: B018 - the property raises
    mapping = SAMPLE_MAPPING
    with django_capture_on_commit_callbacks(execute=True):  # the import task
        assert client.post(f"/war-room/import/{job.pk}/", mapping).status_code == 302
    step = client.get(f"/war-room/import/{job.pk}/status/").json()
    assert step["status"] == "done" and step["counts"]["imported"] == 3
    assert Lead.objects.filter(source="import").count() == 3


def test_private_files_are_not_reachable_by_url(roots, sales_user):
    public = public_media_root()
    probe = public / "prospecting" / "imports" / "probe-public.csv"
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.write_text("public\n")
    job = ImportJob(created_by=sales_user, original_name="x.csv")
    job.file.save("secret.csv", ContentFile(b"Nom\nDupont\n"), save=True)
    client = Client()
    client.force_login(sales_user)
    try:
        # The route works for a public file, so a 404 below means "not there".
        assert (
            b"".join(
                client.get(
                    "/media/prospecting/imports/probe-public.csv"
                ).streaming_content
            )
            == b"public\n"
        )
        for url in (
            f"/media/{job.file.name}",
            f"/media/../private/{job.file.name}",
            f"/media/%2e%2e/private/{job.file.name}",
        ):
            # 400: Django refuses a path that climbs out of the media root.
            assert client.get(url).status_code in (400, 404), url
    finally:
        probe.unlink()


def test_migration_moves_old_files_once(roots, sales_user):
    media, private = roots
    folder = media / "prospecting" / "imports"
    folder.mkdir(parents=True)
    (folder / "import-a.csv").write_bytes(b"a")
    (folder / "orphan.csv").write_bytes(b"orphan")
    (folder / "copied.csv").write_bytes(b"same")
    (folder / "clash.csv").write_bytes(b"public")
    (private / "prospecting" / "imports").mkdir(parents=True)
    (private / "prospecting" / "imports" / "copied.csv").write_bytes(b"same")
    (private / "prospecting" / "imports" / "clash.csv").write_bytes(b"other")
    ImportJob.objects.create(
        created_by=sales_user,
        original_name="a.csv",
        file="prospecting/imports/import-a.csv",
    )
    ImportJob.objects.create(
        created_by=sales_user, original_name="gone.csv", file="prospecting/imports/x"
    )
    from django.apps import apps

    migration.forwards(apps, None)
    moved = private / "prospecting" / "imports"
    assert (moved / "import-a.csv").read_bytes() == b"a"
    assert (moved / "orphan.csv").read_bytes() == b"orphan"
    assert (moved / "copied.csv").read_bytes() == b"same"
    assert oct((moved / "import-a.csv").stat().st_mode & 0o777) == oct(0o600)
    # A different file already at the target is never overwritten.
    assert (moved / "clash.csv").read_bytes() == b"other"
    assert sorted(p.name for p in folder.iterdir()) == ["clash.csv"]
    assert ImportJob.objects.get(original_name="a.csv").file.open().read() == b"a"
    migration.forwards(apps, None)  # idempotent
    assert (moved / "import-a.csv").read_bytes() == b"a"
    migration.backwards(apps, None)
    assert (folder / "import-a.csv").read_bytes() == b"a"
    assert not (moved / "import-a.csv").exists()


def test_migration_ignores_names_outside_the_root(roots, sales_user, tmp_path):
    media, private = roots
    media.mkdir()
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(b"keep me")
    ImportJob.objects.create(
        created_by=sales_user, original_name="evil.csv", file="../elsewhere.csv"
    )
    from django.apps import apps

    migration.forwards(apps, None)
    assert outside.read_bytes() == b"keep me"
    assert not any(private.rglob("*")) if private.exists() else True


def _job(user, name, *, status, age_days):
    job = ImportJob(
        created_by=user,
        original_name=name,
        status=status,
        created_at=timezone.now() - timedelta(days=age_days),
        counts={"imported": 1},
        report=[{"line": 2, "status": "imported"}],
    )
    job.file.save(f"{name}.csv", ContentFile(b"Nom\nDupont\n"), save=True)
    return job


def test_purge_deletes_old_finished_files_and_keeps_the_rows(roots, sales_user):
    done = ImportJob.Status.DONE
    old = _job(sales_user, "old", status=done, age_days=91)
    failed = _job(sales_user, "failed", status=ImportJob.Status.FAILED, age_days=200)
    recent = _job(sales_user, "recent", status=done, age_days=10)
    waiting = _job(sales_user, "waiting", status=ImportJob.Status.MAPPING, age_days=91)
    paths = {job.original_name: Path(job.file.path) for job in ImportJob.objects.all()}
    out = io.StringIO()
    call_command("purge_import_files", "--days", "90", stdout=out)
    assert "3 import files deleted" in out.getvalue()
    assert not paths["old"].exists() and not paths["failed"].exists()
    assert paths["recent"].exists()
    old.refresh_from_db()
    failed.refresh_from_db()
    assert old.file.name == "" and failed.file.name == ""
    assert old.counts == {"imported": 1} and old.report  # the report stays
    assert old.status == ImportJob.Status.DONE and not old.error
    assert ImportJob.objects.count() == 4
    recent.refresh_from_db()
    assert recent.file.name
    # Abandoned at the mapping step for the whole retention: failed, file gone.
    waiting.refresh_from_db()
    assert not paths["waiting"].exists() and waiting.file.name == ""
    assert waiting.status == ImportJob.Status.FAILED
    # In the site's language (the command runs in LANGUAGE_CODE, French here).
    assert (
        waiting.error.startswith(("Abandoned", "Abandonné")) and "90" in waiting.error
    )
    entry = AuditEntry.objects.get(action="import.file_purge", target_id=str(old.pk))
    assert entry.changes["file"] == "prospecting/imports/old.csv"
    # A second run finds nothing left; the job page still renders the report.
    call_command("purge_import_files", "--days", "90", stdout=out)
    assert "0 import files deleted" in out.getvalue()
    client = Client()
    client.force_login(sales_user)
    assert client.get(f"/war-room/import/{old.pk}/").status_code == 200


def test_purge_survives_a_file_already_gone(roots, sales_user):
    job = _job(sales_user, "gone", status=ImportJob.Status.DONE, age_days=100)
    os.remove(job.file.path)
    call_command("purge_import_files", "--days", "90", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.file.name == ""


def test_purge_refuses_a_bad_number_of_days(roots):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("purge_import_files", "--days", "0", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("purge_import_files", "--days", "soon", stdout=io.StringIO())


def test_check_refuses_a_private_root_inside_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert private_media_root_check() == []
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [e.id for e in private_media_root_check()] == ["prospecting.E002"]
    settings.PRIVATE_MEDIA_ROOT = ""
    assert [e.id for e in private_media_root_check()] == ["prospecting.E001"]


def test_a_job_whose_file_is_gone_fails_clearly(roots, sales_user):
    waiting = _job(sales_user, "waiting", status=ImportJob.Status.MAPPING, age_days=1)
    running = _job(sales_user, "running", status=ImportJob.Status.RUNNING, age_days=1)
    for job in (waiting, running):
        os.remove(job.file.path)  # e.g. a backup restored without its files
    client = Client()
    client.force_login(sales_user)
    page = client.get(f"/war-room/import/{waiting.pk}/")
    assert page.status_code == 200
    assert "Le fichier importé n’est plus disponible" in page.content.decode()
    step = client.get(f"/war-room/import/{running.pk}/status/")
    assert step.json()["status"] == "failed"
    for job in (waiting, running):
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED and job.error
