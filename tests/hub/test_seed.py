import io

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
def test_seed_runs_under_the_demo_settings_with_debug_off(settings):
    settings.DEBUG, settings.HUB_DEMO = False, True
    call_command("seed_demo", "--only", "accounts")
    assert get_user_model().objects.filter(username="admin").exists()


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


@pytest.mark.django_db
def test_demo_banner_prints_the_port_it_is_given(settings):
    from wagtail.models import Page, Site

    Site.objects.create(
        hostname="portails-bordeaux.localhost",
        root_page=Page.get_first_root_node(),
        site_name="Portails Bordeaux",
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = "/srv/hub/var/mail"
    out = io.StringIO()
    call_command("demo_banner", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/cms/" in text and ":8000" not in text
    assert "http://portails-bordeaux.localhost:8123/" in text
    assert "/srv/hub/var/mail/" in text
