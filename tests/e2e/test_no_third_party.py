"""Every page the demo shows talks to this server only, and logs no console error.

Offline, a single request to another host (an avatar from gravatar.com, a font or
script from a CDN, an embed) is a console error; online, it tells a third party
who reads which page. The test records every request and console message while
an administrator walks through the hub, the Wagtail admin and a microsite.
"""

from urllib.parse import urlsplit

import pytest

from hub import roles
from hub.models import HubHomePage
from prospecting.services import lead_intake
from tests.conftest import login, make_user
from tests.microsites.conftest import add_product, make_site
from tests.wiki.conftest import make_article, make_category
from video import services as video
from wiki.bootstrap import ensure_wiki_tree

pytestmark = pytest.mark.django_db(transaction=True)

HUB_PAGES = [
    "/",
    "/wiki/",
    "/wiki/portails/portail-coulissant/",
    "/war-room/",
    "/war-room/dashboard/",
    "/video/",
    "/accounts/",
    "/cms/",
]


def _world():
    admin = make_user("admin", roles.STAFF, roles.SALES, roles.MANAGERS, superuser=True)
    wiki, _school = ensure_wiki_tree()
    article = make_article(
        make_category(wiki, "Portails", slug="portails"),
        "Portail coulissant",
        "Le portail glisse sur un rail.",
    )
    lead_intake(
        source="war_room", company={"name": "Clôtures Martin"}, found_by=admin, by=admin
    )
    video.room_create(name="RDV Martin", owner=admin, kind="customer")
    site = make_site("Portails Bordeaux", "portails-bordeaux.localhost")
    add_product(site.root_page, "Portail battant", "portail-battant")
    return article


def _record(page, problems, allowed_hosts):
    """Note each request to another host and each console error of `page`."""

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc not in allowed_hosts:
            problems.append(f"{page.url}: request to {request.url}")

    def on_console(message):
        if message.type == "error":
            problems.append(f"{page.url}: console error {message.text!r}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))


def test_pages_load_nothing_from_other_hosts_and_log_no_error(
    daphne_server, new_context
):
    article = _world()
    port = urlsplit(daphne_server).port
    microsite = f"http://portails-bordeaux.localhost:{port}"
    problems = []
    page = new_context().new_page()
    _record(
        page, problems, {f"127.0.0.1:{port}", f"portails-bordeaux.localhost:{port}"}
    )
    login(page, daphne_server, "admin")
    visited = [
        *(daphne_server + path for path in HUB_PAGES),
        f"{microsite}/",
        f"{microsite}/portail-battant/",
    ]
    for url in visited:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    # The page editor pings its editing session once loaded; for a page without
    # a revision yet (the staff home, as migrated) the ping is a multipart POST
    # with no part, which Daphne used to answer a bare 400 (hub.daphne_forms).
    home = HubHomePage.objects.get()
    assert home.latest_revision is None
    for edited in (article, home):
        with page.expect_response("**/cms/editing-sessions/ping/**") as ping:
            page.goto(f"{daphne_server}/cms/pages/{edited.pk}/edit/")
        assert ping.value.status == 200, edited
        page.wait_for_load_state("networkidle")
    assert problems == [], "\n".join(problems)
