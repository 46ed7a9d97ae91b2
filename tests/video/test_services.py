from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub import roles
from hub.models import AuditEntry
from prospecting.services import lead_intake
from tests.conftest import make_user
from video import services
from video.models import PRESENCE_TIMEOUT, Call, Invite, Participant, Room

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(sales_user):
    return lead_intake(
        source="war_room",
        company={"name": "Clôtures Martin", "city": "Bordeaux"},
        found_by=sales_user,
        by=sales_user,
    ).lead


def test_room_slugs_are_unique_and_never_shadow_app_urls(staff_user):
    first = services.room_create(name="Atelier", owner=staff_user)
    second = services.room_create(name="Atelier", owner=staff_user)
    reserved = services.room_create(name="New", owner=staff_user)
    assert (first.slug, second.slug) == ("atelier", "atelier-2")
    assert reserved.slug == "new-2"
    assert AuditEntry.objects.filter(action="video.room.create").count() == 3


def test_room_create_validates(staff_user):
    with pytest.raises(ValidationError):
        services.room_create(name="", owner=staff_user)
    with pytest.raises(ValidationError):
        services.room_create(name="Trop", owner=staff_user, max_participants=40)


def test_personal_room_is_created_once(staff_user):
    room = services.personal_room_for(user=staff_user)
    assert room.is_personal and room.owner == staff_user
    assert services.personal_room_for(user=staff_user) == room
    assert Room.objects.filter(owner=staff_user, is_personal=True).count() == 1


def test_room_for_lead_reuses_the_open_meeting(lead, sales_user):
    room = services.room_for_lead(lead=lead, host=sales_user)
    assert room.kind == Room.Kind.CUSTOMER and room.lead == lead
    assert "Clôtures Martin" in room.name
    assert services.room_for_lead(lead=lead, host=sales_user) == room
    services.room_end(room=room, by=sales_user)
    assert services.room_for_lead(lead=lead, host=sales_user) != room


def _call_of_two(room, host, *, minutes):
    """Host joins, a guest is admitted, both leave `minutes` later."""
    invite_url = services.invite_create(room=room, ttl=3600)
    assert invite_url.startswith("http")
    services.participant_join(room=room, channel_name="c1", user=host)
    guest = services.participant_join(room=room, channel_name="c2", guest_name="Mme X")
    assert guest.state == Participant.State.LOBBY
    services.participant_admit(room=room, peer_id=guest.peer_id, by=host)
    back = timezone.now() - timedelta(minutes=minutes)
    Call.objects.filter(room=room).update(started_at=back)
    Participant.objects.filter(room=room).update(admitted_at=back, last_seen=back)
    for participant in Participant.objects.filter(room=room):
        services.participant_leave(peer_id=participant.peer_id)
    return Call.objects.get(room=room)


def test_call_on_a_lead_is_logged_with_its_duration(lead, sales_user):
    room = services.room_for_lead(lead=lead, host=sales_user)
    call = _call_of_two(room, sales_user, minutes=12)
    assert call.ended_at is not None and call.activity_logged
    assert call.peak_participants == 2
    activity = lead.activities.get(kind="video_call")
    assert activity.duration_minutes in (12, 13)
    assert "Mme X" in activity.body and "Sales" in activity.body
    assert activity.author == sales_user


def test_a_host_alone_logs_nothing(lead, sales_user):
    room = services.room_for_lead(lead=lead, host=sales_user)
    me = services.participant_join(room=room, channel_name="c1", user=sales_user)
    services.participant_leave(peer_id=me.peer_id)
    assert Call.objects.get(room=room).ended_at is not None
    assert not lead.activities.filter(kind="video_call").exists()


def test_team_rooms_do_not_touch_leads(staff_user):
    room = services.room_create(name="Atelier", owner=staff_user)
    other = make_user("other", roles.STAFF)
    services.participant_join(room=room, channel_name="c1", user=staff_user)
    services.participant_join(room=room, channel_name="c2", user=other)
    for participant in Participant.objects.all():
        services.participant_leave(peer_id=participant.peer_id)
    assert Call.objects.get(room=room).peak_participants == 2


def test_capacity_and_stale_peers(staff_user):
    room = services.room_create(name="Petit", owner=staff_user, max_participants=2)
    first = services.participant_join(room=room, channel_name="c1", user=staff_user)
    services.participant_join(room=room, channel_name="c2", user=staff_user)
    with pytest.raises(services.RoomFull):
        services.participant_join(room=room, channel_name="c3", user=staff_user)
    # A worker died: its peer stopped pinging and frees its seat.
    Participant.objects.filter(pk=first.pk).update(
        last_seen=timezone.now() - PRESENCE_TIMEOUT - timedelta(seconds=5)
    )
    services.participant_join(room=room, channel_name="c3", user=staff_user)
    first.refresh_from_db()
    assert first.state == Participant.State.LEFT


def test_admit_needs_a_free_seat(sales_user, staff_user):
    room = services.room_create(
        name="RDV", owner=sales_user, kind=Room.Kind.CUSTOMER, max_participants=2
    )
    services.participant_join(room=room, channel_name="c1", user=sales_user)
    services.participant_join(room=room, channel_name="c2", user=sales_user)
    guest = services.participant_join(room=room, channel_name="c3", guest_name="X")
    with pytest.raises(services.RoomFull):
        services.participant_admit(room=room, peer_id=guest.peer_id, by=sales_user)
    with pytest.raises(ValidationError):
        services.participant_admit(room=room, peer_id="f" * 16, by=sales_user)


def test_invites_only_for_open_customer_meetings(staff_user, sales_user):
    team = services.room_create(name="Atelier", owner=staff_user)
    with pytest.raises(ValidationError):
        services.invite_create(room=team, ttl=3600)
    meeting = services.room_create(name="RDV", owner=sales_user, kind="customer")
    with pytest.raises(ValidationError):
        services.invite_create(room=meeting, ttl=0)
    with pytest.raises(ValidationError):
        services.invite_create(room=meeting, ttl=timedelta(days=31))
    services.room_end(room=meeting, by=sales_user)
    with pytest.raises(ValidationError):
        services.invite_create(room=meeting, ttl=3600)


def _token(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def test_invite_open_checks_signature_expiry_and_revocation(sales_user):
    meeting = services.room_create(name="RDV", owner=sales_user, kind="customer")
    token = _token(services.invite_create(room=meeting, ttl=3600))
    assert services.invite_open(token=token).room == meeting
    with pytest.raises(services.InviteError) as error:
        services.invite_open(token=token[:-2] + "xx")
    assert not error.value.expired
    invite = Invite.objects.get()
    services.invite_revoke(invite=invite, by=sales_user)
    with pytest.raises(services.InviteError) as error:
        services.invite_open(token=token)
    assert error.value.expired
    expired = _token(services.invite_create(room=meeting, ttl=60))
    Invite.objects.filter(revoked_at=None).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(services.InviteError):
        services.invite_open(token=expired)


def test_guest_pass_round_trip_and_bad_name(sales_user):
    meeting = services.room_create(name="RDV", owner=sales_user, kind="customer")
    services.invite_create(room=meeting, ttl=3600)
    invite = Invite.objects.get()
    with pytest.raises(ValidationError):
        services.guest_pass_create(invite=invite, name="   ")
    token = services.guest_pass_create(invite=invite, name="  Mme   Client ")
    guest = services.guest_pass_read(token=token, room=meeting)
    assert guest.name == "Mme Client" and len(guest.guest_id) == 16
    with pytest.raises(services.InviteError):
        services.guest_pass_read(token=token + "x", room=meeting)


def test_chat_post_cleans_and_limits(staff_user):
    room = services.room_create(name="Atelier", owner=staff_user)
    me = services.participant_join(room=room, channel_name="c1", user=staff_user)
    message = services.chat_post(room=room, participant=me, text=" a\x00b\x07 <i>\n")
    assert message.text == "ab <i>"
    with pytest.raises(ValidationError):
        services.chat_post(room=room, participant=me, text="\x00 ")
    with pytest.raises(ValidationError):
        services.chat_post(room=room, participant=me, text="x" * 2001)


def test_a_knocking_guest_rings_the_absent_host(sales_user):
    from hub.models import Notification

    room = services.room_create(name="RDV", owner=sales_user, kind="customer")
    services.participant_join(room=room, channel_name="c1", guest_name="Mme X")
    note = Notification.objects.get(user=sales_user)
    assert "Mme X" in note.verb and note.target_url == room.get_absolute_url()
    services.participant_join(room=room, channel_name="c2", user=sales_user)
    services.participant_join(room=room, channel_name="c3", guest_name="M. Y")
    assert Notification.objects.filter(user=sales_user).count() == 1
