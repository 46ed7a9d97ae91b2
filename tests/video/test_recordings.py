"""Class recordings: which rooms Janus records, how its track files are read,
who may watch, and what happens when a track cannot be converted. (The real
thing — Janus recording Chromium peers, the WebM played back in a browser — is
in tests/e2e/test_video_sfu.py.)"""

from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from hub import roles
from tests.conftest import make_user
from video import services
from video.models import Recording, Room
from video.services import recordings, sfu


@pytest.fixture
def recorded(settings, tmp_path, staff_user):
    """Janus set (not reached) with a recordings folder; a class room."""
    settings.JANUS_URL = "http://127.0.0.1:9/janus"
    settings.JANUS_RECORDINGS_DIR = str(tmp_path / "janus-rec")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return services.room_create(name="Classe", owner=staff_user, kind=Room.Kind.CLASS)


def _track(folder, room, feed, start, kind, mindex):
    folder.mkdir(parents=True, exist_ok=True)
    name = (
        f"videoroom-{sfu.janus_room_id(room)}-user-{feed}-{start}-{kind}-{mindex}.mjr"
    )
    path = folder / name
    path.write_bytes(b"not really a janus recording")
    return path


def test_only_class_rooms_on_the_sfu_with_a_folder_are_recorded(
    db, settings, staff_user, recorded
):
    team = services.room_create(name="Atelier", owner=staff_user)
    assert recordings.enabled(recorded) and not recordings.enabled(team)
    body = sfu._create_body(recorded, "pin")
    assert body["record"] is True
    assert body["rec_dir"] == str(recordings.room_folder(recorded))
    settings.JANUS_RECORDINGS_DIR = ""
    assert not recordings.enabled(recorded)
    assert "record" not in sfu._create_body(recorded, "pin")


def test_tracks_are_grouped_by_speaker_and_stay(db, recorded, tmp_path):
    folder = recordings.room_folder(recorded)
    t0 = 1_764_000_000_000_000
    _track(folder, recorded, 111, t0, "audio", 0)
    _track(folder, recorded, 111, t0 + 400_000, "video", 1)  # same stay
    _track(folder, recorded, 222, t0 + 1_000_000, "video", 1)  # no sound
    _track(folder, recorded, 111, t0 + 600_000_000, "audio", 0)  # came back later
    (folder / "videoroom-999-user-1-1-audio-0.mjr").write_bytes(b"other room")
    (folder / "notes.txt").write_text("ignored")
    stays = recordings.speakers_in(folder, sfu.janus_room_id(recorded))
    assert [(s.feed, bool(s.audio), bool(s.video)) for s in stays] == [
        (111, True, True),
        (222, False, True),
        (111, True, False),
    ]
    assert stays[0].started_at == datetime.fromtimestamp(t0 / 1e6, tz=UTC)


def test_a_track_that_cannot_be_converted_fails_clearly_and_is_kept(
    db, recorded, staff_user
):
    peer = services.participant_join(room=recorded, user=staff_user, channel_name="c")
    folder = recordings.room_folder(recorded)
    track = _track(folder, recorded, sfu.feed_id(peer.peer_id), 1, "video", 1)
    (recording,) = recordings.recordings_collect(room=recorded)
    assert recording.status == Recording.Status.FAILED
    assert "janus-pp-rec" in recording.error
    assert recording.user == staff_user  # the speaker, from the feed id
    assert track.exists()  # kept for a retry
    # A retry runs again (and fails the same way): still one row.
    recordings.recordings_collect(room=recorded)
    assert Recording.objects.count() == 1


def test_ending_a_recorded_class_prepares_its_recordings(
    db, recorded, staff_user, django_capture_on_commit_callbacks
):
    folder = recordings.room_folder(recorded)
    _track(folder, recorded, 42, 1, "audio", 0)
    with django_capture_on_commit_callbacks(execute=True):  # the task, at commit
        services.room_end(room=recorded, by=staff_user)
    assert Recording.objects.filter(room=recorded).count() == 1


def _ready(room, user):
    recording = Recording.objects.create(
        room=room,
        feed=1,
        started_at=datetime(2026, 12, 1, 10, tzinfo=UTC),
        user=user,
        speaker="Sophie",
        status=Recording.Status.READY,
        duration_seconds=3725,
    )
    recording.file.save("classe.webm", ContentFile(b"\x1aE\xdf\xa3webm"))
    return recording


def test_employees_watch_a_recording_others_do_not(db, recorded, staff_user):
    recording = _ready(recorded, staff_user)
    assert recording.duration_display == "1:02:05"
    url = reverse("video:recording", args=[recording.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    outsider = Client()
    outsider.force_login(make_user("prestataire"))  # an account, not an employee
    assert outsider.get(url).status_code == 403
    employee = Client()
    employee.force_login(make_user("eleve", roles.STAFF))
    response = employee.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "video/webm"
    assert b"".join(response.streaming_content) == b"\x1aE\xdf\xa3webm"
    assert "no-cache" in response["Cache-Control"]
    Recording.objects.filter(pk=recording.pk).update(status=Recording.Status.FAILED)
    assert employee.get(url).status_code == 404  # only ready ones are served
    with pytest.raises(ValueError):
        recording.file.url  # noqa: B018 - private storage: no public address


def test_the_room_page_says_the_class_is_recorded(db, recorded, staff_user):
    client = Client()
    client.force_login(staff_user)
    html = client.get(recorded.get_absolute_url()).content.decode()
    assert "data-recorded" in html
