"""Mail delivery by each user's preference per kind: immediately (a background
task after commit), in the daily digest, or not at all — the bell rings anyway."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hub.models import AuditEntry, Notification, NotificationPreference
from hub.services import (
    notification_digest_send,
    notification_preferences_save,
    notify,
)

pytestmark = pytest.mark.django_db


def _mention(user, actor, label="Relance SA"):
    return notify(
        users=[user],
        kind="mention",
        verb="vous a mentionné dans",
        target_label=label,
        target_url="/war-room/leads/7/",
        actor=actor,
    )


def test_an_unknown_kind_is_refused(staff_user):
    with pytest.raises(LookupError, match="Unknown notification kind"):
        notify(users=[staff_user], kind="lead.typo", verb="x")


def test_immediate_kind_is_mailed_once_after_commit(
    settings, staff_user, sales_user, django_capture_on_commit_callbacks
):
    settings.HUB_BASE_URL = "http://hub.example.com:8123"
    with django_capture_on_commit_callbacks(execute=True):
        _mention(staff_user, sales_user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    assert "Relance SA" in message.subject
    assert "http://hub.example.com:8123/war-room/leads/7/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://hub.example.com:8123/war-room/leads/7/"' in html
    assert "http://hub.example.com:8123/accounts/#mail" in message.body
    note = Notification.objects.get(user=staff_user)
    assert note.emailed_at is not None and note.kind == "mention"
    assert notification_digest_send().users == 0  # never twice


def test_nothing_is_mailed_before_the_commit(staff_user, sales_user):
    """A rolled-back write must not have told anyone by mail."""
    _mention(staff_user, sales_user)  # the test's transaction never commits
    assert mail.outbox == []


def test_a_user_who_wants_it_in_the_digest_gets_no_immediate_mail(
    staff_user, sales_user, django_capture_on_commit_callbacks
):
    notification_preferences_save(user=staff_user, choices={"mention": "digest"})
    with django_capture_on_commit_callbacks(execute=True):
        _mention(staff_user, sales_user)
    assert mail.outbox == []
    assert notification_digest_send().notifications == 1
    assert "Relance SA" in mail.outbox[0].body


def test_off_means_bell_only(
    staff_user, sales_user, django_capture_on_commit_callbacks
):
    notification_preferences_save(user=staff_user, choices={"general": "off"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[staff_user], verb="a publié", actor=sales_user)
    assert Notification.objects.filter(user=staff_user).count() == 1  # the bell
    assert notification_digest_send().users == 0
    assert mail.outbox == []


def test_an_immediate_mail_that_never_left_goes_with_the_digest(
    settings, staff_user, sales_user
):
    """The mail server was away and retries ran out: an hour later the digest
    carries it, nothing the user asked for is lost."""
    note = _mention(staff_user, sales_user)[0]  # no commit here: no mail went
    assert notification_digest_send().users == 0  # too fresh: its mail may come
    Notification.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    assert notification_digest_send().notifications == 1
    assert mail.outbox[0].to == [staff_user.email]


def test_a_refused_smtp_server_keeps_the_notification_unmailed(
    settings, staff_user, sales_user, django_capture_on_commit_callbacks
):
    from tests.hub.test_daily_jobs import refused_smtp

    refused_smtp(settings)
    with django_capture_on_commit_callbacks(execute=True):
        _mention(staff_user, sales_user)  # the task fails (logged), no exception
    assert Notification.objects.get(user=staff_user).emailed_at is None


def test_preferences_refuse_unknown_kinds_and_values(staff_user):
    with pytest.raises(ValueError):
        notification_preferences_save(user=staff_user, choices={"nope": "off"})
    with pytest.raises(ValueError):
        notification_preferences_save(user=staff_user, choices={"mention": "often"})
    assert not NotificationPreference.objects.exists()


def test_saving_the_default_stores_nothing_and_changes_are_audited(staff_user):
    def save(delivery):
        return notification_preferences_save(
            user=staff_user, choices={"mention": delivery}
        )

    assert save("immediate") == []
    assert not NotificationPreference.objects.exists()
    assert save("off") == ["mention"]
    entry = AuditEntry.objects.get(action="notifications.preferences")
    assert entry.changes == {"mention": "off"} and entry.actor == staff_user


# -- the account page ----------------------------------------------------------


def test_account_page_lists_the_kinds_of_the_users_roles(
    client, staff_user, editor_user
):
    client.force_login(staff_user)
    page = client.get("/accounts/").content.decode()
    assert 'name="lead.web"' in page and 'name="mention"' in page
    assert 'name="wiki.review_submitted"' not in page  # reviewing is for editors
    client.force_login(editor_user)
    assert 'name="wiki.review_submitted"' in client.get("/accounts/").content.decode()


def test_account_page_saves_the_choices(client, staff_user):
    client.force_login(staff_user)
    form = client.get("/accounts/").context["mail_form"]
    data = {"form": "notifications", **dict.fromkeys(form.fields, "digest")}
    data["mention"] = "off"
    response = client.post("/accounts/", data)
    assert response.status_code == 302 and response["Location"] == "/accounts/#mail"
    stored = dict(
        NotificationPreference.objects.filter(user=staff_user).values_list(
            "kind", "delivery"
        )
    )
    assert stored["mention"] == "off" and stored["lead.web"] == "digest"
    assert "general" not in stored  # digest is its default: nothing to store


def test_account_page_refuses_a_bad_choice_and_keeps_the_old_ones(client, staff_user):
    notification_preferences_save(user=staff_user, choices={"mention": "off"})
    client.force_login(staff_user)
    response = client.post("/accounts/", {"form": "notifications", "mention": "x"})
    assert response.status_code == 400
    assert response.context["mail_form"].errors["mention"]
    assert NotificationPreference.objects.get(user=staff_user).delivery == "off"


def test_the_preferences_need_a_login(client):
    assert client.get("/accounts/").status_code == 302
