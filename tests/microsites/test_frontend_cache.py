"""The caching proxy, for real: Debian's Varnish (deploy/varnish/hub.vcl) in
front of the live Daphne server. A second anonymous fetch is served by the
proxy; publishing in Wagtail purges it; a branding change bans the whole site;
forms, POSTs and sessions always reach the hub."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from pathlib import Path

import pytest

from microsites.models import ProductPage

from .conftest import add_product, brand, make_site

VARNISHD = Path("/usr/sbin/varnishd")
VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "hub.vcl"
HOST = "portails-bordeaux.localhost"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(daphne_server, tmp_path):
    """varnishd in the foreground on a free port, its backend the live server."""
    if not VARNISHD.exists():
        pytest.skip("Varnish is not installed (make install-test installs it)")
    backend_port = daphne_server.rsplit(":", 1)[1]
    vcl = tmp_path / "hub.vcl"
    vcl.write_text(VCL.read_text().replace('"8000"', f'"{backend_port}"'))
    port = _free_port()
    process = subprocess.Popen(
        [
            str(VARNISHD),
            "-F",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
            "-T",
            "none",
            # no privilege drop: the VCL and work dir are this test's own files
            "-j",
            "none",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"varnishd exited: {process.stdout.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        pytest.fail("varnishd did not listen within 30 s")
    yield port
    process.terminate()
    process.wait(timeout=10)


def fetch(port, path, *, method="GET", headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.request(
        method,
        path,
        body=body,
        headers={"Host": f"{HOST}:{port}", "User-Agent": BROWSER, **(headers or {})},
    )
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response, text


@pytest.fixture
def proxied_site(settings, varnish):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "microsites.frontend_cache.SitePurgeBackend",
            "LOCATION": f"http://127.0.0.1:{varnish}",
        }
    }
    site = make_site("Portails Bordeaux", HOST)
    add_product(site.root_page, "Portail battant aluminium", "portail-battant")
    return site


@pytest.mark.django_db(transaction=True)
def test_proxy_serves_repeats_and_publishing_purges(varnish, proxied_site):
    first, text = fetch(varnish, "/portail-battant/")
    assert first.status == 200 and "Portail battant aluminium" in text
    assert first.getheader("X-Cache") == "MISS"
    assert "s-maxage" in first.getheader("Cache-Control")
    second, again = fetch(varnish, "/portail-battant/")
    assert second.getheader("X-Cache") == "HIT" and again == text
    page = ProductPage.objects.get(slug="portail-battant")
    page.title = "Portail battant nouvelle gamme"
    page.save_revision().publish()  # Wagtail purges it from the proxy
    after, new_text = fetch(varnish, "/portail-battant/")
    assert after.getheader("X-Cache") == "MISS"
    assert "Portail battant nouvelle gamme" in new_text
    assert fetch(varnish, "/portail-battant/")[0].getheader("X-Cache") == "HIT"


@pytest.mark.django_db(transaction=True)
def test_a_branding_change_bans_the_whole_site(varnish, proxied_site):
    fetch(varnish, "/"), fetch(varnish, "/portail-battant/")
    assert fetch(varnish, "/")[0].getheader("X-Cache") == "HIT"
    brand(proxied_site, primary_color="#203040")
    home, text = fetch(varnish, "/")
    assert home.getheader("X-Cache") == "MISS" and "--ms-primary: #203040" in text
    assert fetch(varnish, "/portail-battant/")[0].getheader("X-Cache") == "MISS"


@pytest.mark.django_db(transaction=True)
def test_forms_sessions_and_beacons_always_reach_the_hub(varnish, proxied_site):
    fetch(varnish, "/devis/")
    form, _text = fetch(varnish, "/devis/")
    assert form.getheader("X-Cache") == "MISS"  # CSRF token, never shared
    fetch(varnish, "/portail-battant/", headers={"Cookie": "sessionid=x"})
    staff, _text = fetch(
        varnish, "/portail-battant/", headers={"Cookie": "sessionid=x"}
    )
    assert staff.getheader("X-Cache") == "MISS"
    assert "private" in staff.getheader("Cache-Control")
    beacon, _text = fetch(
        varnish,
        "/_stats/view/",
        method="POST",
        body=f"p={proxied_site.root_page_id}&v=1",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert beacon.status == 204
    from microsites.models import PageStatDay

    assert PageStatDay.objects.get(page_id=proxied_site.root_page_id).views == 1
    banned, _text = fetch(
        varnish, "/", method="PURGE", headers={"X-Purge-Scope": "all"}
    )
    assert banned.status == 200  # from the web workers' address: allowed
    assert fetch(varnish, "/")[0].getheader("X-Cache") == "MISS"
