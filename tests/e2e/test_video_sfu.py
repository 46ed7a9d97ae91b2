"""A class through the SFU end to end: a real Janus (Debian's package) started on
free ports, a live Daphne whose JANUS_* settings point at it, and three Chromium
peers with fake cameras. Each browser has one upstream connection to Janus and
one downstream per other participant, and decodes the others' video."""

from functools import partial

import pytest
from playwright.sync_api import expect

from hub import roles
from tests.conftest import _UnblockDatabase, make_user, screenshot
from tests.video.conftest import janus_gateway  # noqa: F401 - fixture
from video import services
from video.models import Room

from .test_video_room import _everyone_leaves, open_room, wait_connected  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


class _WithJanus(_UnblockDatabase):
    """The forked server's setup: the test database, plus the Janus settings."""

    def __init__(self, blocker, janus):
        super().__init__(blocker)
        self.janus = janus

    def __call__(self):
        super().__call__()
        from django.conf import settings

        settings.JANUS_URL = self.janus.http_url
        settings.JANUS_PUBLIC_URL = self.janus.ws_url
        settings.JANUS_ADMIN_KEY = self.janus.admin_key


@pytest.fixture(scope="module")
def sfu_server(django_db_setup, django_db_blocker, janus_gateway):  # noqa: F811
    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.db import connections

    with django_db_blocker.unblock():
        connections.close_all()
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=None),
        setup=_WithJanus(django_db_blocker, janus_gateway),
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        pytest.fail("Daphne (with Janus) did not start")
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(timeout=10)


UPSTREAM_JS = """() => {
  const pc = window.videoRoom.sfu?.peerConnections.publisher;
  return pc ? pc.connectionState : "none";
}"""

# Bytes received on every downstream connection, twice, a second apart.
INBOUND_BYTES_JS = """async () => {
  const total = async () => {
    let bytes = 0;
    for (const pc of Object.values(window.videoRoom.peerConnections)) {
      (await pc.getStats()).forEach((r) => {
        if (r.type === "inbound-rtp" && r.kind === "video") bytes += r.bytesReceived;
      });
    }
    return bytes;
  };
  const before = await total();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return [before, await total()];
}"""


def test_a_class_of_three_sees_each_other_through_janus(sfu_server, new_context):
    trainer = make_user("formatrice", roles.STAFF, first_name="Sophie")
    make_user("eleve1", roles.STAFF, first_name="Marc")
    make_user("eleve2", roles.STAFF, first_name="Léa")
    room = services.room_create(
        name="Classe motorisation", owner=trainer, kind=Room.Kind.CLASS
    )
    pages = [
        open_room(new_context, sfu_server, name, room.slug)
        for name in ("formatrice", "eleve1", "eleve2")
    ]
    for page in pages:
        wait_connected(page, 2)  # two downstream connections, frames decoded
        assert page.evaluate(UPSTREAM_JS) == "connected"
        before, after = page.evaluate(INBOUND_BYTES_JS)
        assert after > before, "video keeps flowing through Janus"
        expect(page.locator("#grid .tile")).to_have_count(3)
        widths = page.evaluate(
            "() => [...document.querySelectorAll('#grid .tile:not(.tile-local) video')]"
            ".map((v) => v.videoWidth)"
        )
        assert len(widths) == 2 and all(w > 0 for w in widths), widths
    # No browser-to-browser connection: the page never sent an offer to a peer.
    assert pages[0].evaluate("() => window.videoRoom.state.remotes.size") == 2
    assert all(
        r is None
        for r in pages[0].evaluate(
            "() => [...window.videoRoom.state.remotes.values()].map((r) => r.peer)"
        )
    )
    screenshot(pages[0], "video-sfu-class")
    # Someone leaves: the others drop that downstream connection.
    pages[2].click("#btn-leave")
    for page in pages[:2]:
        expect(page.locator("#grid .tile")).to_have_count(2)
        wait_connected(page, 1)


def test_after_a_removal_the_class_goes_on_with_a_new_pin(sfu_server, new_context):
    """The trainer removes a trainee: Janus gets a new pin, the removed page
    is sent away, and the browsers that stay subscribe with the new pin to a
    trainee who arrives afterwards (their old pin would be refused)."""
    trainer = make_user("formatrice", roles.STAFF, first_name="Sophie")
    make_user("eleve1", roles.STAFF, first_name="Marc")
    make_user("eleve2", roles.STAFF, first_name="Léa")
    make_user("eleve3", roles.STAFF, first_name="Inès")
    room = services.room_create(name="Classe pose", owner=trainer, kind=Room.Kind.CLASS)
    host, stays, removed = (
        open_room(new_context, sfu_server, name, room.slug)
        for name in ("formatrice", "eleve1", "eleve2")
    )
    for page in (host, stays, removed):
        wait_connected(page, 2)
    old_pin = stays.evaluate("() => window.videoRoom.sfu.access.pin")
    host.on("dialog", lambda dialog: dialog.accept())
    host.locator("#participant-list li", has_text="Léa").get_by_role(
        "button", name="Retirer Léa"
    ).click()
    expect(removed.locator("#room-status")).to_contain_text("retir")
    stays.wait_for_function(
        "(old) => window.videoRoom.sfu.access.pin !== old", arg=old_pin
    )
    new_pin = stays.evaluate("() => window.videoRoom.sfu.access.pin")
    assert host.evaluate("() => window.videoRoom.sfu.access.pin") == new_pin
    room.refresh_from_db()
    assert room.sfu_pin == new_pin != old_pin
    for page in (host, stays):
        expect(page.locator("#grid .tile")).to_have_count(2)
    late = open_room(new_context, sfu_server, "eleve3", room.slug)
    for page in (host, stays, late):
        wait_connected(page, 2)  # the newcomer's video reaches those who stayed
    screenshot(stays, "video-sfu-after-removal")
