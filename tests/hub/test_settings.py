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
    hidden = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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


@pytest.mark.parametrize("variant", ["dev", "test"])
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
