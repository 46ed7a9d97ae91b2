"""The hub's icons are its own files: no page asks another host for one."""

import pytest


@pytest.mark.django_db
def test_pages_link_local_icons(client):
    html = client.get("/accounts/login/").content.decode()
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        assert f'href="/static/hub/{name}"' in html


def test_conventional_favicon_path_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == "/static/hub/favicon.ico"
    icon = client.get(response.url)
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO
