"""Settings of the real worker process a campaign test starts: the test
settings, with the production path for campaign sends — the `background` queue
in the database (what `manage.py run_worker` reads) and mail over SMTP to the
test's aiosmtpd server (its port in HUB_TEST_SMTP_PORT)."""

import os

from hub.settings.test import *  # noqa: F403

TASKS = {
    **TASKS,  # noqa: F405
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("HUB_TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 10
CAMPAIGNS_BOUNCE_ADDRESS = "bounces@hub.example.fr"
CAMPAIGNS_REPLY_ADDRESS = "replies@hub.example.fr"
HUB_BASE_URL = "https://hub.example.fr"
