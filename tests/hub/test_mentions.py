"""@mentions: one parser for notes and comments; only who may see the target is told."""

import pytest

from hub.models import Notification
from hub.services import mentions_notify
from hub.services.mentions import MAX_MENTIONS, mentioned_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("@sophie tu peux rappeler ?", ["sophie"]),
        ("Vu avec @karim.benali.", ["karim.benali"]),
        ("(@Sophie) et @sophie", ["Sophie"]),  # one mention per person
        ("écrire à jean@example.fr", []),  # an e-mail address mentions nobody
        ("@a seul", []),  # too short to be a username
        ("", []),
        (None, []),
    ],
)
def test_names_are_found_in_text(text, names):
    assert mentioned_names(text) == names


def test_a_pasted_list_cannot_ring_everyone():
    text = " ".join(f"@user{i}" for i in range(50))
    assert len(mentioned_names(text)) == MAX_MENTIONS


@pytest.mark.django_db
def test_only_users_who_may_see_the_target_are_told(
    staff_user, sales_user, editor_user
):
    created = mentions_notify(
        text="@sales @editor @staff @nobody regardez",
        actor=staff_user,
        target_label="Relance SA",
        target_url="/war-room/leads/1/",
        can_see=lambda user: user != editor_user,
        where="une note sur",
    )
    # editor may not see it; staff wrote it (never told of one's own words).
    assert [n.user for n in created] == [sales_user]
    note = Notification.objects.get()
    assert note.kind == "mention" and note.verb == "vous a mentionné dans une note sur"


@pytest.mark.django_db
def test_inactive_users_are_not_told(staff_user, sales_user):
    sales_user.is_active = False
    sales_user.save()
    created = mentions_notify(
        text="@sales",
        actor=staff_user,
        target_label="x",
        target_url="/",
        can_see=lambda user: True,
    )
    assert created == []
