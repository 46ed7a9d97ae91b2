import pytest
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["backend"] == connection.vendor
    assert body["database"]["ok"] is True
    assert body["channel_layer"]["ok"] is True
    assert body["channel_layer"]["backend"] in {
        "InMemoryChannelLayer",
        "RedisChannelLayer",
    }
    assert body["search"]["ok"] is True


@pytest.mark.django_db(transaction=True)
def test_healthz_returns_503_naming_the_failing_part(client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # Nothing listens on port 1: the layer is down.
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    try:
        response = client.get("/healthz")
    finally:
        channel_layers.backends.clear()
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["channel_layer"]
    assert body["channel_layer"]["ok"] is False
    assert body["database"]["ok"] is True
    assert "error" in body["channel_layer"]
