import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from hub import roles


@pytest.mark.django_db
def test_seed_refuses_without_debug_or_flag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", "--only", "accounts")


@pytest.mark.django_db
def test_seed_accounts_is_idempotent_and_users_log_in(client, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--only", "accounts")
    call_command("seed_demo", "--only", "accounts")
    users = get_user_model().objects
    assert users.filter(username__in=["admin", "editor", "sales", "staff"]).count() == 4
    assert users.get(username="admin").is_superuser
    editor = users.get(username="editor")
    assert roles.is_editor(editor) and roles.is_staff_member(editor)
    assert roles.is_sales(users.get(username="sales"))
    for username in ("admin", "editor", "sales", "staff"):
        assert client.login(username=username, password="demo")
        assert client.get("/").status_code == 200
    out = capsys.readouterr().out
    assert "Comptes" in out and "[" in out  # progress bar


@pytest.mark.django_db
def test_seed_rejects_unknown_step(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Unknown seed steps"):
        call_command("seed_demo", "--only", "nope")
