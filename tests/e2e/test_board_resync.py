"""The war-room board catches up after its WebSocket dropped: leads created,
moved and deleted while it was offline show up without a reload.

Chromium's offline emulation (`context.set_offline(True)`) leaves an open
WebSocket alone (tried: the board stayed "open" for 15 s), so the network cut
is played by a test-only init script: it wraps the page's WebSocket, closes the
open ones and points new ones at a closed port until the network is "back".
The page's own code is unchanged. The cut drops every socket of the page, the
bell's too, so the hub-wide "live updates paused" banner would show beside the
board's own notice: only the board's shows there, the banner elsewhere.
"""

import pytest

from hub import roles
from prospecting import services
from tests.conftest import axe_violations, login, make_user, screenshot

NETWORK_SWITCH = """
(() => {
  const Native = window.WebSocket;
  const sockets = [];
  window.testNetwork = {
    down: false,
    opened: [],  // paths of the page's sockets, once open
    closed: [],  // and once closed
    cut() { this.down = true; sockets.forEach((s) => s.close()); },
    restore() { this.down = false; },
  };
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      // Port 9 (discard) is closed: the connection fails like a dead network.
      super(window.testNetwork.down ? "ws://127.0.0.1:9/" : url, protocols);
      const path = new URL(url).pathname;
      this.addEventListener("open", () => window.testNetwork.opened.push(path));
      this.addEventListener("close", () => window.testNetwork.closed.push(path));
      sockets.push(this);
    }
  };
})();
"""


@pytest.mark.django_db(transaction=True)
def test_board_catches_up_after_a_dropped_socket(daphne_server, new_context):
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    # quiet: no live event at all, so only the re-sync can bring the change.
    moved = services.lead_intake(
        source="war_room", company="Camping du Lac", quiet=True
    ).lead
    trashed = services.lead_intake(
        source="war_room", company="Golf de la Forêt", quiet=True
    ).lead
    context = new_context()
    context.add_init_script(NETWORK_SWITCH)
    page = context.new_page()
    login(page, daphne_server, "sales")
    page.goto(daphne_server + "/war-room/")
    page.locator("#board[data-live=open]").wait_for()
    page.locator(f"#lead-{moved.pk}").wait_for()
    page.wait_for_function("() => testNetwork.opened.includes('/ws/notifications/')")
    page.evaluate("window.sameDocument = true")  # lost if the page reloads

    page.evaluate("testNetwork.cut()")
    page.locator("#board[data-live=closed]").wait_for()
    # The bell's socket is down too (its banner would show by now): one notice.
    page.wait_for_function("() => testNetwork.closed.includes('/ws/notifications/')")
    notice = page.locator("#board-connection")
    assert notice.inner_text() == "Hors ligne — reconnexion…"
    assert notice.is_visible()
    assert page.locator("#live-notice").is_hidden()
    screenshot(page, "prospecting-board-offline")
    created = services.lead_intake(
        source="war_room", company="Haras des Landes", quiet=True
    ).lead
    won = services.stage_by_key("won")
    services.lead_move_stage(lead=moved, stage=won, by=None)
    services.lead_soft_delete(lead=trashed, by=None)

    page.evaluate("testNetwork.restore()")
    page.locator("#board[data-live=open]").wait_for()
    page.get_by_text("Connexion rétablie — tableau mis à jour").wait_for()
    new_column = ".board-column[data-stage-kind=open]"
    won_column = ".board-column[data-stage-kind=won]"
    page.locator(f"{new_column} #lead-{created.pk}").wait_for()
    assert (
        page.locator(f"#lead-{created.pk}").inner_text().startswith("Haras des Landes")
    )
    page.locator(f"{won_column} #lead-{moved.pk}").wait_for()
    page.locator(f"#lead-{trashed.pk}").wait_for(state="detached")
    assert page.locator(f"{won_column} h2 [data-count]").inner_text() == "1"
    assert page.evaluate("window.sameDocument") is True
    assert notice.get_attribute("role") == "status"
    assert axe_violations(page) == []
    screenshot(page, "prospecting-board-resynced")


@pytest.mark.django_db(transaction=True)
def test_other_pages_keep_the_hub_wide_notice(daphne_server, new_context):
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    context = new_context()
    context.add_init_script(NETWORK_SWITCH)
    page = context.new_page()
    login(page, daphne_server, "sales")
    page.goto(daphne_server + "/")
    banner = page.locator("#live-notice")
    page.wait_for_function("() => testNetwork.opened.includes('/ws/notifications/')")
    assert banner.is_hidden()
    page.evaluate("testNetwork.cut()")
    page.wait_for_function("() => testNetwork.closed.includes('/ws/notifications/')")
    banner.wait_for(state="visible")
    assert banner.inner_text() == "Mises à jour en direct interrompues ; reconnexion…"
    page.evaluate("testNetwork.restore()")
    banner.wait_for(state="hidden")
