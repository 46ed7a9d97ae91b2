"""Pages of the video room: each permission rule, allowed and refused."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone

from hub import roles
from prospecting.services import lead_intake
from tests.conftest import make_user
from video import services
from video.models import Invite, Room

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def meeting(sales_user):
    return services.room_create(name="RDV Martin", owner=sales_user, kind="customer")


def logged_in(client, user):
    client.force_login(user)
    return client


def test_room_list_for_staff_and_refused_otherwise(client, staff_user, meeting):
    team = services.room_create(name="Atelier", owner=staff_user)
    response = logged_in(client, staff_user).get("/video/")
    assert response.status_code == 200
    rooms = list(response.context["rooms"])
    assert team in rooms and meeting not in rooms  # plain staff: no customer rooms
    client.logout()
    assert client.get("/video/").status_code == 302  # to login
    outsider = make_user("outsider")
    assert logged_in(client, outsider).get("/video/").status_code == 403


def test_room_list_query_count(client, staff_user, django_assert_max_num_queries):
    for number in range(8):
        services.room_create(name=f"Salle {number}", owner=staff_user)
    logged_in(client, staff_user)
    with django_assert_max_num_queries(12):
        assert client.get("/video/").status_code == 200


def test_sales_see_customer_meetings(client, sales_user, meeting):
    response = logged_in(client, sales_user).get("/video/")
    assert meeting in list(response.context["rooms"])


def test_create_room_and_bad_input(client, staff_user):
    logged_in(client, staff_user)
    response = client.post(
        "/video/new/", {"name": "Qualité", "kind": "team", "max_participants": 4}
    )
    room = Room.objects.get(name="Qualité")
    assert response.status_code == 302 and response.url == room.get_absolute_url()
    response = client.post(
        "/video/new/", {"name": " ", "kind": "team", "max_participants": 40}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"name", "max_participants"} <= form.errors.keys()
    # Plain staff cannot open customer meetings (they take outside guests).
    response = client.post(
        "/video/new/", {"name": "Client", "kind": "customer", "max_participants": 4}
    )
    assert response.status_code == 400 and "kind" in response.context["form"].errors


def test_personal_room(client, staff_user):
    response = logged_in(client, staff_user).get("/video/me/")
    room = Room.objects.get(owner=staff_user, is_personal=True)
    assert response.url == room.get_absolute_url()


def test_room_page_allowed_and_refused(client, staff_user, sales_user, meeting):
    team = services.room_create(name="Atelier", owner=sales_user)
    logged_in(client, staff_user)
    response = client.get(team.get_absolute_url())
    assert response.status_code == 200
    assert response.context["config"]["isHost"] is False
    assert client.get(meeting.get_absolute_url()).status_code == 403
    client.force_login(sales_user)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200 and response.context["is_host"] is True
    client.logout()
    assert client.get(team.get_absolute_url()).status_code == 302
    assert client.get("/video/no-such-room/").status_code == 404


def test_room_page_escapes_chat_history(client, staff_user):
    room = services.room_create(name="Atelier", owner=staff_user)
    me = services.participant_join(room=room, channel_name="c", user=staff_user)
    services.chat_post(room=room, participant=me, text="<img src=x onerror=alert(1)>")
    html = logged_in(client, staff_user).get(room.get_absolute_url()).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html


def test_invites_page_host_only(client, sales_user, meeting):
    colleague = make_user("colleague", roles.STAFF, roles.SALES)
    url = f"/video/{meeting.slug}/invites/"
    assert logged_in(client, colleague).get(url).status_code == 403
    logged_in(client, sales_user)
    assert client.get(url).status_code == 200
    response = client.post(url, {"guest_label": "M. Martin", "validity": "4"})
    assert response.status_code == 200
    assert response.context["new_url"].startswith("http://")
    invite = Invite.objects.get()
    assert invite.guest_label == "M. Martin"
    assert timedelta(hours=3, minutes=59) < invite.expires_at - timezone.now()
    response = client.post(url, {"validity": "9999"})
    assert response.status_code == 400 and "validity" in response.context["form"].errors


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8123", "localhost:9000", "hub.example.com"]
)
def test_invite_link_is_on_the_host_and_port_the_host_user_is_on(
    client, sales_user, meeting, settings, host
):
    settings.ALLOWED_HOSTS = settings.HUB_HOSTNAMES = [host.split(":")[0]]
    settings.HUB_BASE_URL = "http://127.0.0.1:8000"
    logged_in(client, sales_user)
    response = client.post(
        f"/video/{meeting.slug}/invites/",
        {"guest_label": "M. Martin", "validity": "4"},
        HTTP_HOST=host,
    )
    link = urlsplit(response.context["new_url"])
    assert (link.scheme, link.netloc) == ("http", host)
    assert client.get(link.path, HTTP_HOST=host).status_code == 200


def test_invite_link_without_a_request_uses_hub_base_url(meeting, settings):
    settings.HUB_BASE_URL = "https://hub.example.com/"
    link = services.invite_create(room=meeting, ttl=3600)
    assert link.startswith("https://hub.example.com/video/invite/")


def test_team_rooms_have_no_invites(client, staff_user):
    room = services.room_create(name="Atelier", owner=staff_user)
    response = logged_in(client, staff_user).get(f"/video/{room.slug}/invites/")
    assert response.status_code == 403


def test_revoke_invite_host_only(client, sales_user, meeting):
    services.invite_create(room=meeting, ttl=3600)
    invite = Invite.objects.get()
    url = f"/video/{meeting.slug}/invites/{invite.pk}/revoke/"
    other = make_user("other", roles.STAFF, roles.SALES)
    assert logged_in(client, other).post(url).status_code == 403
    assert logged_in(client, sales_user).post(url).status_code == 302
    invite.refresh_from_db()
    assert invite.revoked_at is not None


def test_guest_opens_invite_then_sees_the_lobby_page(client, meeting):
    link = services.invite_create(room=meeting, ttl=3600)
    path = urlsplit(link).path
    response = client.get(path)
    assert response.status_code == 200 and "RDV Martin" in response.content.decode()
    response = client.post(path, {"name": " "})
    assert response.status_code == 400 and response.context["form"].errors["name"]
    response = client.post(path, {"name": "Mme Client"})
    assert response.url == meeting.get_absolute_url()
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert page.context["guest"].name == "Mme Client"
    assert page.context["config"]["isGuest"] is True
    assert page.context["is_host"] is False
    other = services.room_create(
        name="Autre", owner=meeting.owner, kind=Room.Kind.CUSTOMER
    )
    assert client.get(other.get_absolute_url()).status_code == 302  # to login


def test_expired_invite_gets_a_human_page(client, meeting):
    link = services.invite_create(room=meeting, ttl=60)
    Invite.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(urlsplit(link).path)
    assert response.status_code == 410
    assert "expir" in response.content.decode().lower()
    response = client.get("/video/invite/forged-token/")
    assert response.status_code == 404


def test_invite_opening_is_limited_per_ip(client, meeting):
    path = urlsplit(services.invite_create(room=meeting, ttl=3600)).path
    for _ in range(30):
        assert client.get(path).status_code == 200
    assert client.get(path).status_code == 429
    assert client.get(path, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_end_meeting_host_only(client, sales_user, meeting):
    other = make_user("other", roles.STAFF, roles.SALES)
    url = f"/video/{meeting.slug}/end/"
    assert logged_in(client, other).post(url).status_code == 403
    assert logged_in(client, sales_user).post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.ended_at is not None
    assert client.get(meeting.get_absolute_url()).status_code == 410


def test_lead_start_creates_the_meeting(client, sales_user, staff_user):
    lead = lead_intake(
        source="war_room", company={"name": "Clôtures Martin"}, by=sales_user
    ).lead
    url = f"/video/lead/{lead.pk}/start/"
    response = logged_in(client, sales_user).post(url)
    room = Room.objects.get(lead=lead)
    assert response.url == room.get_absolute_url()
    assert room.owner == sales_user and room.kind == Room.Kind.CUSTOMER
    assert client.get(url).status_code == 405
    # A plain employee who cannot see this lead cannot start a call on it.
    response = logged_in(client, staff_user).post(url)
    assert response.status_code in (403, 404)
    assert Room.objects.filter(lead=lead).count() == 1


def test_ice_servers_for_staff_and_guests_only(client, settings, staff_user, meeting):
    settings.TURN_URLS = ["turn:turn.example.com:3478"]
    settings.TURN_SECRET = "s"
    response = logged_in(client, staff_user).get("/video/ice-servers")
    assert response.status_code == 200
    turn = response.json()["iceServers"][0]
    assert turn["username"].endswith(f":u{staff_user.pk}")
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get("/video/ice-servers").status_code == 403
    path = urlsplit(services.invite_create(room=meeting, ttl=3600)).path
    client.post(path, {"name": "Mme Client"})
    response = client.get(f"/video/ice-servers?room={meeting.slug}")
    assert response.status_code == 200
    assert ":g" in response.json()["iceServers"][0]["username"]


def test_video_routes_hidden_on_microsite_hosts(client, staff_user):
    logged_in(client, staff_user)
    assert client.get("/video/", HTTP_HOST="portails.localhost").status_code == 404


def test_dashboard_panel_lists_live_rooms_and_meetings(client, sales_user):
    live = services.room_create(name="Atelier", owner=sales_user)
    services.participant_join(room=live, channel_name="c", user=sales_user)
    services.room_create(
        name="RDV demain",
        owner=sales_user,
        kind="customer",
        scheduled_for=timezone.now() + timedelta(days=1),
    )
    html = logged_in(client, sales_user).get("/").content.decode()
    assert 'data-panel="video.rooms"' in html
    assert "Atelier" in html and "RDV demain" in html
