import io

import pytest
from django.core.management import call_command

from hub import roles
from prospecting.services import lead_intake
from tests.conftest import make_user
from video.models import Room
from video.seeds import MEETING_SLUG, seed_video

pytestmark = pytest.mark.django_db


def test_seed_creates_team_rooms_and_a_meeting_on_a_lead_idempotently():
    sales = make_user("sales", roles.STAFF, roles.SALES)
    make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS)
    lead = lead_intake(
        source="war_room", company={"name": "Clôtures Martin"}, by=sales
    ).lead
    out = io.StringIO()
    seed_video(stdout=out)
    seed_video(stdout=out)
    assert set(Room.objects.values_list("slug", flat=True)) == {
        "direction",
        "atelier",
        "war-room",
        MEETING_SLUG,
    }
    meeting = Room.objects.get(slug=MEETING_SLUG)
    assert meeting.lead == lead and meeting.kind == Room.Kind.CUSTOMER
    assert meeting.scheduled_for is not None
    assert "Salles vidéo" in out.getvalue()


def test_seed_without_leads_skips_the_link():
    make_user("sales", roles.STAFF, roles.SALES)
    seed_video(stdout=io.StringIO())
    assert Room.objects.get(slug=MEETING_SLUG).lead is None


def test_seed_demo_runs_the_video_step(settings):
    settings.DEBUG = True
    call_command("seed_demo", only=["accounts", "video"], stdout=io.StringIO())
    assert Room.objects.filter(slug="atelier", owner__username="psimon").exists()
