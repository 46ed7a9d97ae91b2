"""Live classes: scheduling (form, permissions), attendance from the video
room's real Participant rows, hours credited with "live class #N"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from video.models import Participant
from wiki.models import CoursePage, LiveClass, LiveClassAttendance
from wiki.services import live_class_attendance_compute, live_class_schedule

from .webschool_helpers import says

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(wiki_tree):
    return wiki_tree[1].add_child(
        instance=CoursePage(title="Poser", level="initiation")
    )


def _class(course, trainer, *, starts_at, minutes=60):
    return live_class_schedule(
        course=course,
        title="Pose des panneaux",
        starts_at=starts_at,
        duration_minutes=minutes,
        trainer=trainer,
        capacity=8,
        min_presence_percent=50,
        by=trainer,
    )


def _socket(room, user, start, end):
    return Participant.objects.create(
        room=room,
        channel_name=f"test.{user.pk}.{start:%H%M%S}",
        user=user,
        state=Participant.State.LEFT,
        joined_at=start,
        admitted_at=start,
        left_at=end,
        last_seen=end,
    )


def test_attendance_from_participant_rows(manager_user, staff_user, sales_user, course):
    start = timezone.now() - timedelta(hours=3)
    live = _class(course, manager_user, starts_at=start)
    room = live.room
    assert room.max_participants == 9 and room.scheduled_for == start  # + trainer
    m = lambda n: start + timedelta(minutes=n)  # noqa: E731 - reads as a clock
    # Staff: an early join (clipped to the start) and a second tab overlapping
    # the first: 0→40 ∪ 30→50 = 50 minutes, not 70.
    _socket(room, staff_user, m(-15), m(40))
    _socket(room, staff_user, m(30), m(50))
    # Sales: 50→90, of which 10 minutes inside the class: under the threshold.
    _socket(room, sales_user, m(50), m(90))
    _socket(room, manager_user, m(0), m(60))  # the trainer: no hours
    rows = live_class_attendance_compute(live_class=live)
    by_user = {a.user_id: a for a in LiveClassAttendance.objects.all()}
    assert len(rows) == 2
    assert (
        by_user[staff_user.pk].minutes_present,
        by_user[staff_user.pk].minutes_credited,
    ) == (50, 50)
    assert by_user[staff_user.pk].evidence == f"live class #{live.pk}"
    sales = by_user[sales_user.pk]
    assert (sales.minutes_present, sales.minutes_credited) == (10, 0)
    assert manager_user.pk not in by_user
    # Idempotent.
    assert live_class_attendance_compute(live_class=live) == []
    assert LiveClassAttendance.objects.count() == 2


def test_threshold_and_cap(
    manager_user, staff_user, sales_user, course, django_capture_on_commit_callbacks
):
    from video.services.rooms import room_end

    start = timezone.now() - timedelta(minutes=80)
    live = _class(course, manager_user, starts_at=start, minutes=60)
    m = lambda n: start + timedelta(minutes=n)  # noqa: E731
    _socket(live.room, staff_user, m(0), m(75))  # the trainer ran over: capped
    _socket(live.room, sales_user, m(0), m(20))  # 20 < 30: present, not credited
    with django_capture_on_commit_callbacks(execute=True):
        room_end(room=live.room, by=manager_user)  # the room's end counts it
    live.refresh_from_db()
    assert live.attendance_computed_at is not None
    got = {
        a.user_id: (a.minutes_present, a.minutes_credited)
        for a in live.attendances.all()
    }
    assert got == {staff_user.pk: (75, 60), sales_user.pk: (20, 0)}


def test_a_class_not_over_is_not_counted(manager_user, staff_user, course):
    live = _class(course, manager_user, starts_at=timezone.now() - timedelta(minutes=5))
    _socket(
        live.room, staff_user, live.starts_at, live.starts_at + timedelta(minutes=4)
    )
    assert live_class_attendance_compute(live_class=live) == []
    assert LiveClass.objects.get().attendance_computed_at is None


def test_the_job_counts_classes_whose_time_is_past(manager_user, staff_user, course):
    from hub.registry import registry
    from wiki.tasks import live_classes_attendance

    assert (
        registry.periodic_jobs["count_live_class_attendance"].task
        is live_classes_attendance
    )
    live = _class(course, manager_user, starts_at=timezone.now() - timedelta(hours=2))
    _socket(live.room, staff_user, live.starts_at, live.ends_at)
    live_classes_attendance.enqueue()
    assert LiveClassAttendance.objects.get().minutes_credited == 60


def test_hours_show_in_home_and_report(
    client, manager_user, staff_user, course, wiki_tree
):
    live = _class(course, manager_user, starts_at=timezone.now() - timedelta(hours=2))
    _socket(live.room, staff_user, live.starts_at, live.ends_at)
    live_class_attendance_compute(live_class=live)
    client.force_login(staff_user)
    assert client.get(wiki_tree[1].url).context["my_hours"] == 1.0
    client.force_login(manager_user)
    rows = {
        r["user"].username: r
        for r in client.get("/wiki/webschool/report/").context["rows"]
    }
    assert rows["staff"]["by_level"]["initiation"] == 1.0
    assert rows["staff"]["live_hours"] == 1.0


def _form(course_page, trainer, **changes):
    data = {
        "course": course_page.pk,
        "title": "Classe du jeudi",
        "starts_at": (timezone.localtime() + timedelta(days=2)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "duration_minutes": 60,
        "trainer": trainer.pk,
        "capacity": 6,
        "min_presence_percent": 50,
    }
    data.update(changes)
    return data


def test_manager_schedules_a_class_it_shows_on_course_and_home(
    client, manager_user, staff_user, course, wiki_tree
):
    client.force_login(manager_user)
    response = client.post("/wiki/webschool/live/new/", _form(course, manager_user))
    live = LiveClass.objects.get()
    assert (
        response.status_code == 302
        and response.url == f"/wiki/webschool/live/{live.pk}/"
    )
    # Six trainees and their trainer, in a class room (the SFU serves those).
    assert live.room.owner == manager_user and live.room.max_participants == 7
    assert live.room.kind == "class"
    client.force_login(staff_user)
    assert "Classe du jeudi" in client.get(course.url).content.decode()
    assert "Classe du jeudi" in client.get(wiki_tree[1].url).content.decode()
    assert "Classe du jeudi" in client.get("/").content.decode()  # the hub's home
    detail = client.get(f"/wiki/webschool/live/{live.pk}/").content.decode()
    assert live.room.get_absolute_url() in detail
    # Only the trainer or a manager ends it.
    assert client.post(f"/wiki/webschool/live/{live.pk}/end/").status_code == 403


@pytest.mark.parametrize(
    "changes, english, french",
    [
        (
            {"starts_at": "demain"},
            "Enter a date and time",
            "Saisissez une date et une heure",
        ),
        (
            {"starts_at": "2020-01-01T10:00"},
            "A class is scheduled in the future",
            "Une classe se planifie dans le futur",
        ),
        ({"capacity": 40}, "less than or equal to 11", "inférieure ou égale à 11"),
        (
            {"duration_minutes": 5},
            "greater than or equal to 15",
            "supérieure ou égale à 15",
        ),
        (
            {"course": 999999},
            "Choose a course from the list",
            "Choisissez un cours dans la liste",
        ),
        ({"title": ""}, "This field is required", "Champ requis"),
    ],
)
def test_class_form_bad_input(client, manager_user, course, changes, english, french):
    client.force_login(manager_user)
    response = client.post(
        "/wiki/webschool/live/new/", _form(course, manager_user, **changes)
    )
    assert response.status_code == 400
    assert says(response.content.decode(), english, french)
    assert not LiveClass.objects.exists()


def test_a_class_past_the_mesh_needs_the_video_server(
    client, manager_user, course, settings
):
    client.force_login(manager_user)
    response = client.post(
        "/wiki/webschool/live/new/", _form(course, manager_user, capacity=20)
    )
    assert response.status_code == 400 and not LiveClass.objects.exists()
    settings.JANUS_URL = "ws://127.0.0.1:8188/"
    response = client.post(
        "/wiki/webschool/live/new/", _form(course, manager_user, capacity=20)
    )
    assert response.status_code == 302
    room = LiveClass.objects.get().room
    assert room.kind == "class" and room.max_participants == 21


def test_class_form_trainer_must_be_staff(client, manager_user, outsider_user, course):
    client.force_login(manager_user)
    response = client.post("/wiki/webschool/live/new/", _form(course, outsider_user))
    assert response.status_code == 400
    assert says(
        response.content.decode(),
        "The trainer must be an employee",
        "Le formateur doit être un salarié",
    )


def test_only_managers_schedule(client, staff_user, admin_user, course):
    client.force_login(staff_user)
    assert client.get("/wiki/webschool/live/new/").status_code == 403
    assert (
        client.post("/wiki/webschool/live/new/", _form(course, staff_user)).status_code
        == 403
    )
    client.force_login(admin_user)
    assert client.get("/wiki/webschool/live/new/").status_code == 200
    assert not LiveClass.objects.exists()
