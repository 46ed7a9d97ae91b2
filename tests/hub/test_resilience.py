"""Login throttling, database outage page, backup/restore round trip, audit viewer."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from hub.models import AuditEntry
from hub.services import audit_log


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, staff_user):
    for _ in range(5):
        response = client.post(
            "/accounts/login/", {"username": "staff", "password": "x"}
        )
        assert response.status_code == 200
    locked = client.post("/accounts/login/", {"username": "staff", "password": "demo"})
    assert locked.status_code == 429
    assert not locked.wsgi_request.user.is_authenticated
    # another account from the same address is not locked out
    from tests.conftest import make_user

    make_user("other", "Staff")
    ok = client.post("/accounts/login/", {"username": "other", "password": "demo"})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_successful_login_resets_the_failure_count(client, staff_user):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "staff", "password": "x"})
    assert (
        client.post(
            "/accounts/login/", {"username": "staff", "password": "demo"}
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(4):
        client.post("/accounts/login/", {"username": "staff", "password": "x"})
    assert (
        client.post(
            "/accounts/login/", {"username": "staff", "password": "demo"}
        ).status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)
def test_database_outage_gives_a_clear_503(client, staff_user):
    client.force_login(staff_user)
    original = connection.settings_dict.copy()
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-dir/hub.sqlite3"
    else:
        connection.settings_dict["PORT"] = 1  # nothing listens there
    try:
        response = client.get("/")
        json_response = client.get("/", HTTP_ACCEPT="application/json")
    finally:
        connection.close()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Service momentanément indisponible" in response.content.decode()
    assert json_response.status_code == 503
    assert json_response.json()["retry"] is True


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, settings, staff_user):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "notice.txt").write_text("Notice de pose")
    audit_log(actor=staff_user, action="test.before_backup")
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("hub-backup-*.tar.gz"))

    # Damage: a new row and a lost file, then restore.
    audit_log(actor=staff_user, action="test.after_backup")
    (settings.MEDIA_ROOT / "documents" / "notice.txt").unlink()
    call_command("restore", str(archive), "--yes")

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert "test.before_backup" in actions
    assert "test.after_backup" not in actions
    restored = settings.MEDIA_ROOT / "documents" / "notice.txt"
    assert restored.read_text() == "Notice de pose"


@pytest.mark.django_db
def test_restore_refuses_a_missing_archive(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "nope.tar.gz"), "--yes")


@pytest.mark.django_db
def test_audit_log_is_for_superusers_only(client, admin_user, manager_user):
    audit_log(actor=admin_user, action="lead.create", target=admin_user)
    client.force_login(manager_user)
    assert client.get("/accounts/audit/").status_code == 403
    client.force_login(admin_user)
    response = client.get("/accounts/audit/?action=lead.")
    assert response.status_code == 200
    assert "lead.create" in response.content.decode()
    assert (
        "lead.create"
        not in client.get("/accounts/audit/?action=wiki.").content.decode()
    )
