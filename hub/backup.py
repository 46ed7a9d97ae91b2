"""Backup and restore: database, media and private files in one .tar.gz.

SQLite is copied with SQLite's online backup API (consistent while the hub runs);
PostgreSQL is dumped with pg_dump's custom format and restored with pg_restore.
Public uploads (MEDIA_ROOT) go under `media/` in the archive, private ones
(PRIVATE_MEDIA_ROOT: war-room import files) under `private/`; a restored private
file is readable by the hub's user only again (0600 in 0700 folders), as the
apps' private storage writes them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"


@dataclass
class BackupInfo:
    path: Path
    vendor: str
    media_files: int
    private_files: int = 0


# Archive folder -> (setting naming the root, file mode, folder mode); None keeps
# the process umask's defaults (public media is read by the web server).
FOLDERS = {
    "media": ("MEDIA_ROOT", None, None),
    "private": ("PRIVATE_MEDIA_ROOT", 0o600, 0o700),
}


def _pg_env_args(db: dict) -> tuple[list[str], dict]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {"PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(cmd: list[str], env: dict) -> None:
    result = subprocess.run(  # noqa: S603 - fixed binaries, arguments from settings
        cmd, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {result.stderr.strip()[:500]}")


def _dump_database(target: Path) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        source = sqlite3.connect(db["NAME"])
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        source.close()
        dest.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        args, env = _pg_env_args(db)
        _run(
            ["pg_dump", "-Fc", "--no-owner", *args, "-f", str(target), db["NAME"]], env
        )
        return "postgresql"
    raise RuntimeError(f"Backups are not supported for {connection.vendor}")


def _add_folder(tar: tarfile.TarFile, root: Path, folder: str) -> int:
    count = 0
    if root.exists():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=f"{folder}/{path.relative_to(root)}")
                count += 1
    return count


def backup_create(*, output_dir: Path) -> BackupInfo:
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"hub-backup-{stamp}.tar.gz"
    # The archive holds the private files too: only the hub's user may read it.
    os.close(os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        vendor = _dump_database(dump)
        counts = {}
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(dump, arcname="database.dump")
            for folder, (setting, _mode, _dir_mode) in FOLDERS.items():
                root = Path(getattr(settings, setting))
                counts[folder] = _add_folder(tar, root, folder)
            manifest = json.dumps(
                {
                    "vendor": vendor,
                    "created": stamp,
                    "media_files": counts["media"],
                    "private_files": counts["private"],
                }
            ).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
    return BackupInfo(archive, vendor, counts["media"], counts["private"])


def _safe_members(tar: tarfile.TarFile, prefix: str):
    for member in tar.getmembers():
        name = Path(member.name)
        if (
            name.is_absolute()
            or ".." in name.parts
            or not member.name.startswith(prefix)
        ):
            continue
        if member.isfile():
            yield member


def backup_restore(*, archive: Path) -> BackupInfo:
    """Replace the database, media and private files with the archive's.

    Destructive by design."""
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as tmp:
        manifest = json.load(tar.extractfile(MANIFEST))
        if manifest["vendor"] != connection.vendor:
            raise RuntimeError(
                f"This backup is from {manifest['vendor']}, the hub runs on "
                f"{connection.vendor}."
            )
        dump = Path(tmp) / "database.dump"
        with open(dump, "wb") as handle:
            shutil.copyfileobj(tar.extractfile("database.dump"), handle)
        _restore_database(dump)
        counts = {
            folder: _restore_folder(tar, folder, *spec)
            for folder, spec in FOLDERS.items()
        }
    return BackupInfo(archive, manifest["vendor"], counts["media"], counts["private"])


def _restore_folder(
    tar: tarfile.TarFile,
    folder: str,
    setting: str,
    mode: int | None,
    dir_mode: int | None,
) -> int:
    root = Path(getattr(settings, setting))
    count = 0
    for member in _safe_members(tar, f"{folder}/"):
        target = root / Path(member.name).relative_to(folder)
        _make_dirs(target.parent, root, dir_mode)
        # Created with its final mode, so a private file is never readable by
        # others, not even between open() and a later chmod.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        fd = os.open(target, flags, 0o666 if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            shutil.copyfileobj(tar.extractfile(member), handle)
        if mode is not None:
            os.chmod(target, mode)  # an existing file keeps its old mode otherwise
        count += 1
    return count


def _make_dirs(path: Path, root: Path, dir_mode: int | None) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if dir_mode is None:
        return
    # Every folder from the file's up to the root, existing ones included: a
    # wiped root re-created by hand must not stay listable by others.
    for folder in (path, *path.parents):
        os.chmod(folder, dir_mode)
        if folder == root:
            break


def _restore_database(dump: Path) -> None:
    db = connection.settings_dict
    connections.close_all()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(dump)
        dest = sqlite3.connect(db["NAME"])
        with dest:
            source.backup(dest)
        source.close()
        dest.close()
        return
    args, env = _pg_env_args(db)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "-d",
            db["NAME"],
            str(dump),
        ],
        env,
    )
