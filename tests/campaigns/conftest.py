import pytest


@pytest.fixture
def smtp(settings, smtp_server):
    """Campaign mail through the session's real SMTP server (aiosmtpd)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.CAMPAIGNS_BOUNCE_ADDRESS = "bounces@hub.example.fr"
    settings.CAMPAIGNS_REPLY_ADDRESS = "replies@hub.example.fr"
    settings.HUB_BASE_URL = "https://hub.example.fr"
    smtp_server.messages.clear()
    return smtp_server
