"""A customer with an invite waits in the lobby, the host admits them, and the call
ends up on the lead as a "video_call" activity with its duration."""

import pytest
from playwright.sync_api import expect

from hub import roles
from prospecting.models import Activity
from prospecting.services import lead_intake
from tests.conftest import axe_violations, login, make_user, screenshot

from .test_video_room import _everyone_leaves, wait_connected  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)

# What the lead page's "Start a video call" button is: a POST form to this path.
START_CALL_JS = """(path) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = path;
  const token = document.createElement("input");
  token.type = "hidden";
  token.name = "csrfmiddlewaretoken";
  token.value = document.cookie.match(/csrftoken=([^;]+)/)[1];
  form.append(token);
  document.body.append(form);
  form.submit();
}"""


def wait_for_activity(page, lead, timeout_ms=15_000):
    """The call is logged by the server once the last peer's socket closes; there
    is no page to watch for it here, so poll the database between short waits."""
    waited = 0
    while waited < timeout_ms:
        activity = Activity.objects.filter(lead=lead, kind="video_call").first()
        if activity is not None:
            return activity
        page.wait_for_timeout(100)
        waited += 100
    raise AssertionError("no video_call activity was logged")


def test_customer_waits_in_lobby_is_admitted_and_call_is_logged(
    daphne_server, new_context
):
    sales = make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    lead = lead_intake(
        source="war_room",
        company={"name": "Clôtures Martin"},
        found_by=sales,
        by=sales,
    ).lead

    host = new_context().new_page()
    login(host, daphne_server, "sales")
    host.goto(f"{daphne_server}/video/")
    host.evaluate(START_CALL_JS, f"/video/lead/{lead.pk}/start/")
    host.wait_for_url("**/video/rdv-clotures-martin/")
    host.locator("#room-status", has_text="Connecté").wait_for()

    invites = host.context.new_page()
    invites.goto(f"{daphne_server}/video/rdv-clotures-martin/invites/")
    invites.fill("#id_guest_label", "M. Martin")
    invites.get_by_role("button", name="Créer le lien").click()
    # The link is on the host and port the page was served from, not on
    # HUB_BASE_URL (port 8000): this live server listens on another one.
    link = invites.input_value("#invite-url")
    assert link.startswith(f"{daphne_server}/video/invite/")
    assert axe_violations(invites) == []
    screenshot(invites, "video-invite-created")
    invites.close()

    guest = new_context().new_page()
    guest.goto(link)
    assert axe_violations(guest) == []
    guest.fill("#id_name", "Marc Martin")
    guest.get_by_role("button", name="Rejoindre la réunion").click()
    guest.locator("#lobby-wait").wait_for()
    guest.locator("#room-status", has_text="En attente de l’hôte").wait_for()
    guest.wait_for_function(
        "() => document.querySelector('.tile-local video').videoWidth > 0"
    )
    assert guest.locator("#participant-list li").count() == 0
    screenshot(guest, "video-guest-lobby")
    assert axe_violations(guest) == []

    waiting = host.locator("#lobby-list li", has_text="Marc Martin")
    waiting.wait_for()
    screenshot(host, "video-host-sees-lobby")
    waiting.get_by_role("button", name="Admettre Marc Martin").click()

    wait_connected(guest, 1)
    wait_connected(host, 1)
    guest.locator("#participant-list li", has_text="Sophie").wait_for()
    screenshot(guest, "video-guest-admitted")

    guest.click("#btn-leave")
    expect(host.locator("#grid .tile")).to_have_count(1)
    host.click("#btn-leave")
    activity = wait_for_activity(host, lead)
    assert activity.duration_minutes >= 1
    assert "Marc Martin" in activity.body


def test_expired_invite_shows_a_human_page(daphne_server, page):
    from datetime import timedelta

    from django.utils import timezone

    from video import services
    from video.models import Invite

    sales = make_user("sales", roles.STAFF, roles.SALES)
    room = services.room_create(name="RDV", owner=sales, kind="customer")
    link = services.invite_create(room=room, ttl=60, base_url=daphne_server)
    Invite.objects.update(expires_at=timezone.now() - timedelta(minutes=5))
    response = page.goto(link)
    assert response.status == 410
    page.get_by_role("heading", name="Invitation expirée").wait_for()
    assert axe_violations(page) == []
