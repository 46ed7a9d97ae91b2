"""Video room end to end: real Chromium peers (fake camera) against a live Daphne."""

import time

import pytest
from playwright.sync_api import expect

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot
from video import services

pytestmark = pytest.mark.django_db(transaction=True)


def _nobody_in_a_room() -> bool:
    from video.models import Participant

    active = (Participant.State.LOBBY, Participant.State.IN_CALL)
    return not Participant.objects.filter(state__in=active).exists()


@pytest.fixture(autouse=True)
def _everyone_leaves(new_context, browser):
    """After each test, hang up every page and let the live server record the
    leaves before the test database is flushed: a disconnect still writing while
    PostgreSQL truncates the tables deadlocks the flush."""
    yield
    for context in browser.contexts:
        for page in context.pages:
            if not page.is_closed():
                page.evaluate("() => window.videoRoom?.signaling?.close()")
    deadline = time.monotonic() + 10
    while not _nobody_in_a_room() and time.monotonic() < deadline:
        time.sleep(0.05)  # server-side bookkeeping, no page to wait on


# Every peer connection of the page: its state and the video frames it decoded.
PEERS_JS = """async () => {
  const pcs = Object.values((window.videoRoom || {}).peerConnections || {});
  const peers = [];
  for (const pc of pcs) {
    let frames = 0;
    (await pc.getStats()).forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === "video") {
        frames += r.framesDecoded || 0;
      }
    });
    peers.push({ state: pc.connectionState, frames });
  }
  return peers;
}"""

# wait_for_function needs a synchronous predicate: each poll starts getStats()
# and judges the result the previous poll stored.
ALL_CONNECTED_JS = """(expected) => {
  const pcs = Object.values((window.videoRoom || {}).peerConnections || {});
  Promise.all(pcs.map(async (pc) => {
    let frames = 0;
    (await pc.getStats()).forEach((r) => {
      if (r.type === "inbound-rtp" && r.kind === "video") {
        frames += r.framesDecoded || 0;
      }
    });
    return { state: pc.connectionState, frames };
  })).then((peers) => { window.__videoPeers = peers; });
  const peers = window.__videoPeers || [];
  return peers.length === expected &&
    peers.every((p) => p.state === "connected" && p.frames > 0);
}"""


def open_room(new_context, base_url, username, slug):
    page = new_context().new_page()
    login(page, base_url, username)
    page.goto(f"{base_url}/video/{slug}/")
    return page


def wait_connected(page, expected):
    page.evaluate("() => { window.__videoPeers = null; }")  # no stale verdict
    page.wait_for_function(ALL_CONNECTED_JS, arg=expected, timeout=30_000, polling=250)
    peers = page.evaluate(PEERS_JS)
    assert len(peers) == expected
    assert all(p["state"] == "connected" and p["frames"] > 0 for p in peers), peers


def tiles(page):
    return page.locator("#grid .tile")


def test_two_employees_see_each_other_chat_and_leave(daphne_server, new_context):
    owner = make_user("jdupont", roles.STAFF, first_name="Jean")
    make_user("mgarcia", roles.STAFF, first_name="Marie")
    room = services.room_create(name="Atelier", owner=owner)
    jean = open_room(new_context, daphne_server, "jdupont", room.slug)
    marie = open_room(new_context, daphne_server, "mgarcia", room.slug)
    wait_connected(jean, 1)
    wait_connected(marie, 1)
    assert tiles(jean).count() == 2
    jean.fill("#chat-input", "<b>Bonjour</b> l'atelier")
    jean.press("#chat-input", "Enter")
    marie.locator("#chat-log li", has_text="<b>Bonjour</b> l'atelier").wait_for()
    assert marie.locator("#chat-log b").count() == 0  # shown as text, not markup
    marie.click("#btn-hand")
    jean.locator("#grid .tile.hand-raised").wait_for()
    screenshot(jean, "video-room-two-peers")
    assert axe_violations(jean) == []
    marie.click("#btn-leave")
    marie.locator("#left-panel").wait_for()
    expect(jean.locator("#grid .tile")).to_have_count(1)
    assert jean.locator("#participant-list li").count() == 1


def test_three_employees_form_a_full_mesh(daphne_server, new_context):
    owner = make_user("psimon", roles.STAFF, first_name="Pierre")
    make_user("trobert", roles.STAFF, first_name="Thomas")
    make_user("nmoreau", roles.STAFF, first_name="Nadia")
    room = services.room_create(name="Direction", owner=owner)
    pages = [
        open_room(new_context, daphne_server, name, room.slug)
        for name in ("psimon", "trobert", "nmoreau")
    ]
    for page in pages:
        wait_connected(page, 2)
    assert tiles(pages[0]).count() == 3
    screenshot(pages[0], "video-room-three-peers")
    pages[2].close()
    for page in pages[:2]:
        expect(page.locator("#grid .tile")).to_have_count(2)
        wait_connected(page, 1)


def test_a_dropped_websocket_reconnects_and_the_call_recovers(
    daphne_server, new_context
):
    owner = make_user("cpetit", roles.STAFF, first_name="Claire")
    make_user("alaurent", roles.STAFF, first_name="Aurélie")
    room = services.room_create(name="Commerce", owner=owner)
    claire = open_room(new_context, daphne_server, "cpetit", room.slug)
    aurelie = open_room(new_context, daphne_server, "alaurent", room.slug)
    wait_connected(claire, 1)
    wait_connected(aurelie, 1)
    old_id = claire.evaluate("() => window.videoRoom.state.me.peer_id")
    claire.evaluate("() => window.videoRoom.signaling.socket.close()")
    claire.wait_for_function(
        "(old) => window.videoRoom.state.me.peer_id !== old", arg=old_id
    )
    wait_connected(claire, 1)
    wait_connected(aurelie, 1)
    expect(aurelie.locator("#grid .tile")).to_have_count(2)
    expect(aurelie.locator(f"#grid .tile[data-peer='{old_id}']")).to_have_count(0)


DENY_MEDIA_JS = """
navigator.mediaDevices.getUserMedia = () =>
  Promise.reject(new DOMException("denied", "NotAllowedError"));
"""


def test_blocked_camera_is_explained_and_the_chat_still_works(
    daphne_server, new_context
):
    make_user("lbernard", roles.STAFF, first_name="Luc")
    room = services.room_create(name="Juridique", owner=make_user("x", roles.STAFF))
    context = new_context()
    context.add_init_script(DENY_MEDIA_JS)
    page = context.new_page()
    login(page, daphne_server, "lbernard")
    page.goto(f"{daphne_server}/video/{room.slug}/")
    alert = page.locator("#media-alert")
    alert.get_by_text("Votre navigateur a bloqué la caméra et le micro").wait_for()
    page.locator("#room-status", has_text="Connecté").wait_for()
    assert page.locator("#btn-mic").is_disabled()
    page.fill("#chat-input", "Je n’ai pas de caméra")
    page.press("#chat-input", "Enter")
    page.locator("#chat-log li", has_text="Je n’ai pas de caméra").wait_for()
    screenshot(page, "video-media-blocked")


def test_room_list_is_accessible_and_creates_a_room(daphne_server, page):
    make_user("staff", roles.STAFF, first_name="Karim")
    login(page, daphne_server, "staff")
    page.goto(daphne_server + "/video/")
    page.get_by_role("heading", name="Salles vidéo").wait_for()
    assert axe_violations(page) == []
    page.fill("#id_name", "Réunion qualité")
    page.click("form[action='/video/new/'] button[type=submit]")
    page.wait_for_url("**/video/reunion-qualite/")
    page.goto(daphne_server + "/video/")
    page.locator(".room-card", has_text="Réunion qualité").wait_for()
    screenshot(page, "video-room-list")
    page.goto(daphne_server + "/")
    panel = page.locator("[data-panel='video.rooms']")
    panel.get_by_text("Vos prochains rendez-vous clients").wait_for()
    panel.screenshot(path="test-artifacts/video-dashboard-panel.png")
