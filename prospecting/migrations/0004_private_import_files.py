"""Import files move out of MEDIA_ROOT (served publicly) into PRIVATE_MEDIA_ROOT.

The stored names do not change, only the storage root; existing files are moved
by `move_files`, which is idempotent: a file already moved is skipped, a run
interrupted half-way is finished by the next one. Going back (migrate
prospecting 0003) moves them back.
"""

import filecmp
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import prospecting.storage

IMPORT_DIR = "prospecting/imports"


def _inside(path: Path, root: Path) -> bool:
    return root in path.resolve().parents


def move_files(source_root, target_root, names) -> int:
    """Move `names` (relative paths) from source_root to target_root; returns
    how many were moved. Never overwrites a different file."""
    source_root, target_root = Path(source_root), Path(target_root)
    moved = 0
    for name in sorted(set(names)):
        source, target = source_root / name, target_root / name
        if not _inside(source, source_root.resolve()) or not source.is_file():
            continue
        if target.exists():
            if filecmp.cmp(source, target, shallow=False):
                source.unlink()  # copied by an interrupted run: finish it
            continue
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.move(source, target)
        os.chmod(target, 0o600)
        moved += 1
    return moved


def _names(apps, root: Path) -> set[str]:
    job = apps.get_model("prospecting", "ImportJob")
    names = set(job.objects.exclude(file="").values_list("file", flat=True))
    # Files no job points at (an upload that failed half-way) hold data too.
    folder = root / IMPORT_DIR
    if folder.is_dir():
        names |= {
            str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file()
        }
    return names


def forwards(apps, schema_editor):
    public = Path(settings.MEDIA_ROOT)
    move_files(public, settings.PRIVATE_MEDIA_ROOT, _names(apps, public))


def backwards(apps, schema_editor):
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    move_files(private, settings.MEDIA_ROOT, _names(apps, private))


class Migration(migrations.Migration):
    dependencies = [
        ("prospecting", "0003_lead_reminded_for"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                blank=True,
                storage=prospecting.storage.private_storage,
                upload_to="prospecting/imports/",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
