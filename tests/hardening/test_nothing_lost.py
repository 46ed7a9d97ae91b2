"""Nothing lost: leads go to a trash and come back with their history; merged
leads stay in the database; wiki articles keep every revision, survive an
unpublish, cannot be deleted by Editors; the audit log says who did what; a
backup archive cannot write outside MEDIA_ROOT."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.db import connection
from django.test import Client

from hub.models import AuditEntry
from prospecting.models import Lead
from prospecting.services import activity_log

pytestmark = pytest.mark.django_db


def test_lead_trash_and_restore_keep_everything(world):
    lead = world.lead
    activity_log(lead=lead, kind="call", by=world.users["sales"], body="Rappeler lundi")
    client = world.client("sales")
    assert client.post(f"/war-room/leads/{lead.pk}/delete/").status_code == 302
    lead.refresh_from_db()
    assert lead.deleted_at is not None
    assert (
        f"/war-room/leads/{lead.pk}/"
        not in client.get("/war-room/list/").content.decode()
    )
    assert "Clôtures Martin" in client.get("/war-room/trash/").content.decode()

    assert client.post(f"/war-room/leads/{lead.pk}/restore/").status_code == 302
    lead.refresh_from_db()
    assert lead.deleted_at is None
    assert lead.activities.filter(body="Rappeler lundi").exists()
    assert "Clôtures Martin" in client.get("/war-room/list/").content.decode()
    actions = list(
        AuditEntry.objects.filter(actor=world.users["sales"])
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["lead.delete", "lead.restore"]
    # …and the administrators' audit viewer shows who did it.
    audit = world.client("admin").get("/accounts/audit/", {"actor": "sales"})
    assert "lead.delete" in audit.content.decode()
    assert "lead.restore" in audit.content.decode()


def test_a_merged_lead_stays_in_the_database(world):
    from tests.prospecting.factories import make_lead

    other = make_lead("Clôtures Martin et Fils", by=world.users["sales"])
    client = world.client("sales")
    response = client.post(
        "/war-room/merge/", {"keep": world.lead.pk, "merged": other.pk}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.merged_into_id == world.lead.pk
    assert Lead.objects.filter(pk=other.pk).exists()


def _republish(article, user, **changes):
    page = type(article).objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page


def test_article_revisions_unpublish_and_republish(world):
    article = world.article
    editor = world.users["editor"]
    _republish(article, editor, summary="Deuxième version.")
    _republish(article, editor, summary="Troisième version (erreur).")
    revisions = list(article.revisions.order_by("created_at", "pk"))
    assert len(revisions) == 3
    assert revisions[0].as_object().summary == "Le panneau soudé."

    # Roll back to the first version: the mistake stays in the history.
    revisions[0].as_object().save_revision(user=editor).publish(
        user=editor, skip_permission_checks=True
    )
    article.refresh_from_db()
    assert article.summary == "Le panneau soudé."
    assert article.revisions.count() == 4

    admin = world.client("admin")
    response = admin.post(f"/cms/pages/{article.pk}/unpublish/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live and article.revisions.count() == 4
    assert world.client("staff").get(article.url).status_code == 404
    article.get_latest_revision().publish(user=editor, skip_permission_checks=True)
    article.refresh_from_db()
    assert article.live and article.summary == "Le panneau soudé."
    assert world.client("staff").get(article.url).status_code == 200


def test_editors_cannot_delete_articles(world):
    article = world.article
    editor = world.client("editor")
    editor.post(f"/cms/pages/{article.pk}/delete/")
    assert type(article).objects.filter(pk=article.pk).exists()
    assert not article.permissions_for_user(world.users["editor"]).can_delete()


def test_restore_never_writes_outside_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in (
            ("manifest.json", json.dumps({"vendor": connection.vendor}).encode()),
            ("media/../escaped.txt", b"pwned"),
            ("/tmp/absolute.txt", b"pwned"),
            ("media/ok.txt", b"fine"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("media/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    from hub import backup

    members = [m.name for m in backup._safe_members(tarfile.open(archive), "media/")]
    assert members == ["media/ok.txt"]  # no "..", no absolute path, no symlink


def test_backup_command_refuses_a_backup_from_the_other_database(tmp_path):
    from hub import backup

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps({"vendor": other}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(RuntimeError, match="This backup is from"):
        backup.backup_restore(archive=archive)
    assert Client().get("/accounts/login/").status_code == 200  # database untouched
