import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "SECRET_KEY": "x" * 64 + "-prod-secret-for-the-check",
    "ALLOWED_HOSTS": "hub.example.com",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "check-deploy.sqlite3"),
}


def run_manage(*args, settings, extra_env=None):
    hidden = {
        "SECRET_KEY",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "HUB_BASE_URL",
        "PORT",
    }
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env["DJANGO_SETTINGS_MODULE"] = settings
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("variant", ["dev", "test", "demo"])
def test_settings_variant_loads(variant):
    result = run_manage("check", settings=f"hub.settings.{variant}")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", settings="hub.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_check_deploy_is_clean_with_documented_env():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="hub.settings.production",
        extra_env=PROD_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SHOW = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.HUB_DEMO, s.HUB_BASE_URL, s.EMAIL_BACKEND.rsplit('.')[-2], "
    "s.SESSION_COOKIE_SECURE, len(s.SECRET_KEY))"
)


def test_hub_base_url_follows_port():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW,
        settings="hub.settings.dev",
        extra_env={"PORT": "8123"},
    )
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8123" in result.stdout.split()


def test_demo_settings_are_production_like_over_http_with_a_kept_key(tmp_path):
    env = {"HUB_VAR_DIR": str(tmp_path)}
    first = run_manage(
        "shell", "--no-imports", "-c", SHOW, settings="hub.settings.demo", extra_env=env
    )
    assert first.returncode == 0, first.stderr
    debug, demo, _url, mail, secure_cookie, key_length = first.stdout.split()
    assert (debug, demo, mail, secure_cookie) == ("False", "True", "filebased", "False")
    assert int(key_length) >= 50
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    again = run_manage(
        "shell", "--no-imports", "-c", SHOW, settings="hub.settings.demo", extra_env=env
    )
    assert again.returncode == 0 and key_file.read_text() == key
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret")] == []


def test_email_url_parsing():
    from hub.settings.email import email_settings

    smtp = email_settings("smtp://user%40x:p%3Ass@mail.example.com:587")
    assert smtp["EMAIL_HOST"] == "mail.example.com"
    assert smtp["EMAIL_HOST_USER"] == "user@x"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p:ss"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings("file:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    with pytest.raises(ValueError, match="Unsupported"):
        email_settings("carrier-pigeon://coop")
