"""A class through the SFU end to end: a real Janus (Debian's package) started on
free ports, a live Daphne whose JANUS_* settings point at it, and three Chromium
peers with fake cameras. Each browser has one upstream connection to Janus and
one downstream per other participant, and decodes the others' video."""

from functools import partial

import pytest
from playwright.sync_api import expect

from hub import roles
from tests.conftest import (
    _UnblockDatabase,
    axe_violations,
    login,
    make_user,
    screenshot,
)
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
        settings.JANUS_RECORDINGS_DIR = str(self.janus.folder / "recordings")


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


# Waits until the first recording's metadata is read, then plays a second.
RECORDING_JS = """async () => {
  const video = document.querySelector(".recordings video");
  if (video.readyState < 1) {
    await new Promise((resolve, reject) => {
      video.addEventListener("loadedmetadata", resolve, { once: true });
      video.addEventListener("error", () => reject(new Error("no play")), {once: true});
    });
  }
  video.muted = true;
  await video.play();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { width: video.videoWidth, time: video.currentTime, error: video.error };
}"""


def test_a_recorded_class_plays_for_those_who_missed_it(
    sfu_server,
    new_context,
    janus_gateway,  # noqa: F811 - fixture
):
    """Janus records the class; when the trainer ends it, the tracks become one
    WebM per speaker, which a trainee who was absent plays from the class page
    (and nobody without an account can fetch)."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from video.models import Recording
    from wiki.bootstrap import ensure_wiki_tree
    from wiki.models import CoursePage
    from wiki.services.live import live_class_schedule

    trainer = make_user("formatrice", roles.STAFF, roles.MANAGERS, first_name="Sophie")
    make_user("eleve1", roles.STAFF, first_name="Marc")
    make_user("absente", roles.STAFF, first_name="Nadia")
    _wiki, school = ensure_wiki_tree()
    course = school.add_child(instance=CoursePage(title="Pose", level="initiation"))
    live_class = live_class_schedule(
        course=course,
        title="Poser un portail",
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        duration_minutes=30,
        trainer=trainer,
        capacity=8,
        by=trainer,
    )
    host, trainee = (
        open_room(new_context, sfu_server, name, live_class.room.slug)
        for name in ("formatrice", "eleve1")
    )
    for page in (host, trainee):
        wait_connected(page, 1)
        expect(page.locator("[data-recorded]")).to_be_visible()  # everyone is told
    host.wait_for_timeout(3000)  # three seconds of class
    host.goto(sfu_server + reverse("wiki:live_class", args=[live_class.pk]))
    host.get_by_role("button", name="Terminer la classe").click()
    expect(host.locator(".recordings video")).to_have_count(2)
    recordings = list(Recording.objects.filter(room=live_class.room))
    assert {r.status for r in recordings} == {Recording.Status.READY}
    assert {r.speaker for r in recordings} == {"Sophie", "Marc"}
    assert all(r.duration_seconds >= 2 and r.size_bytes > 0 for r in recordings)
    folder = janus_gateway.folder / "recordings" / f"room-{live_class.room.pk}"
    assert not list(folder.glob("*.mjr"))  # raw tracks gone once muxed
    absent = new_context().new_page()
    login(absent, sfu_server, "absente")
    absent.goto(sfu_server + reverse("wiki:live_class", args=[live_class.pk]))
    captions = absent.locator(".recordings figcaption")
    expect(captions.first).to_contain_text("Sophie")  # the trainer first
    played = absent.evaluate(RECORDING_JS)
    assert played["error"] is None and played["width"] > 0 and played["time"] > 0.3
    assert axe_violations(absent) == []
    screenshot(absent, "webschool-class-recording")
    stranger = new_context().request.get(
        f"{sfu_server}{recordings[0].get_absolute_url()}", max_redirects=0
    )
    assert stranger.status == 302
    assert "/accounts/login/" in stranger.headers["location"]
