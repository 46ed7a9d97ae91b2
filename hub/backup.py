"""Backup and restore: database + media in one .tar.gz.

SQLite is copied with SQLite's online backup API (consistent while the hub runs);
PostgreSQL is dumped with pg_dump's custom format and restored with pg_restore.
"""

from __future__ import annotations

import io
import json
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


def _pg_env_args(db: dict) -> tuple[list[str], dict]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {"PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(cmd: list[str], env: dict) -> None:
    import os

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


def backup_create(*, output_dir: Path) -> BackupInfo:
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"hub-backup-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        vendor = _dump_database(dump)
        media_files = 0
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(dump, arcname="database.dump")
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        tar.add(path, arcname=f"media/{path.relative_to(media_root)}")
                        media_files += 1
            manifest = json.dumps(
                {"vendor": vendor, "created": stamp, "media_files": media_files}
            ).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
    return BackupInfo(archive, vendor, media_files)


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
    """Replace the database and media with the archive's. Destructive by design."""
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
        media_root = Path(settings.MEDIA_ROOT)
        media_files = 0
        for member in _safe_members(tar, "media/"):
            target = media_root / Path(member.name).relative_to("media")
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                shutil.copyfileobj(tar.extractfile(member), handle)
            media_files += 1
    return BackupInfo(archive, manifest["vendor"], media_files)


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
