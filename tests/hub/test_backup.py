"""Backups hold the private files too (war-room import files in
PRIVATE_MEDIA_ROOT): backup, wipe, restore, and an import uploaded before the
backup still runs, its file readable by the hub's user only."""

import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from prospecting.models import ImportJob, Lead
from tests.prospecting.factories import SAMPLE_MAPPING
from tests.prospecting.test_imports import write


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backup(tmp_path) -> Path:
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    return next((tmp_path / "backups").glob("hub-backup-*.tar.gz"))


@pytest.mark.django_db(transaction=True)
def test_private_import_file_survives_backup_wipe_restore(tmp_path, roots, sales_user):
    media, private = roots
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "notice.txt").write_text("Notice de pose")
    client = Client()
    client.force_login(sales_user)
    data = write(tmp_path, encoding="utf-8-sig").read_bytes()
    client.post("/war-room/import/", {"file": SimpleUploadedFile("export.csv", data)})
    job = ImportJob.objects.get()
    stored = Path(job.file.path)
    relative = stored.relative_to(private)

    archive = backup(tmp_path)
    assert mode(archive) == 0o600  # it holds prospects' data and password hashes
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert f"private/{relative}" in names
    assert "media/documents/notice.txt" in names
    assert not any(name.startswith("media/prospecting") for name in names)

    # Lost: the job row and every private file (the folder itself too).
    job.delete()
    shutil.rmtree(private)
    call_command("restore", str(archive), "--yes")

    job = ImportJob.objects.get()
    assert Path(job.file.path) == stored
    assert stored.read_bytes() == data
    assert mode(stored) == 0o600
    assert mode(private) == 0o700
    assert all(
        mode(folder) == 0o700 for folder in private.rglob("*") if folder.is_dir()
    )
    assert (media / "documents" / "notice.txt").read_text() == "Notice de pose"
    assert not (media / relative).exists()  # never restored where /media/ serves

    # The restored import carries on as if nothing happened (the background
    # task runs at the commit of the mapping step: tasks are immediate here).
    client.force_login(sales_user)
    mapping = SAMPLE_MAPPING
    assert client.post(f"/war-room/import/{job.pk}/", mapping).status_code == 302
    step = client.get(f"/war-room/import/{job.pk}/status/").json()
    assert step["status"] == "done" and step["counts"]["imported"] == 3
    assert Lead.objects.filter(source="import").count() == 3


@pytest.mark.django_db(transaction=True)
def test_restore_tightens_a_private_file_left_world_readable(tmp_path, roots):
    _media, private = roots
    secret = private / "prospecting" / "imports" / "old.csv"
    secret.parent.mkdir(parents=True)
    secret.write_text("Nom\nDupont\n")
    secret.chmod(0o600)
    archive = backup(tmp_path)
    # A copy put back by hand with the default umask, before the restore.
    secret.write_text("stale")
    secret.chmod(0o644)
    secret.parent.chmod(0o755)
    out = _call_restore(archive)
    assert secret.read_text() == "Nom\nDupont\n"
    assert mode(secret) == 0o600
    assert mode(secret.parent) == 0o700
    assert "1 private file" in out


def test_restore_never_writes_private_files_outside_their_root(tmp_path, roots):
    import io

    from hub import backup as backup_module

    archive = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("private/../escaped.csv", "privateer/x.csv", "private/ok.csv"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"ok"))
    with tarfile.open(archive) as tar:
        members = [m.name for m in backup_module._safe_members(tar, "private/")]
    assert members == ["private/ok.csv"]


def _call_restore(archive) -> str:
    import io

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    return out.getvalue()
