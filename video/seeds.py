"""Demo data for the video room (seed step "video")."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hub import roles
from hub.progress import ProgressBar

from . import services
from .models import Room
from .services.rooms import lead_label

# slug: (name, owner username)
TEAM_ROOMS = {
    "direction": ("Direction", "manager"),
    "atelier": ("Atelier", "psimon"),
    "war-room": ("War room", "sales"),
}
MEETING_SLUG = "rdv-client-demo"


def _user(username):
    """The demo employee, or (seeding only this step) a superuser or any employee."""
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    return (
        users.filter(username=username).first()
        or users.filter(is_superuser=True).first()
        or users.filter(groups__name=roles.STAFF).first()
    )


def _first_lead(owner):
    """A lead to attach the demo meeting to, read through the war room's selectors."""
    from prospecting.selectors import lead_visible_to

    return lead_visible_to(owner).order_by("pk").first()


def _tomorrow_at_ten():
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


@transaction.atomic
def seed_video(*, stdout, small=False):
    with ProgressBar(len(TEAM_ROOMS) + 1, "Salles vidéo", stream=stdout) as bar:
        for slug, (name, username) in TEAM_ROOMS.items():
            owner = _user(username)
            if owner is not None and not Room.objects.filter(slug=slug).exists():
                services.room_create(name=name, owner=owner, slug=slug)
            bar.advance()
        owner = _user("sales")
        if owner is not None and not Room.objects.filter(slug=MEETING_SLUG).exists():
            lead = _first_lead(owner)
            name = lead_label(lead) if lead else "client"
            services.room_create(
                name=f"Rendez-vous {name}"[:120],
                owner=owner,
                kind=Room.Kind.CUSTOMER,
                lead=lead,
                scheduled_for=_tomorrow_at_ten(),
                slug=MEETING_SLUG,
            )
        bar.advance()
