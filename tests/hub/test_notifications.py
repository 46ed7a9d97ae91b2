import pytest
from django.core import mail

from hub.models import AuditEntry, Notification
from hub.services import audit_log, notification_digest_send, notify


@pytest.mark.django_db
def test_actor_never_notifies_themselves(staff_user, editor_user):
    created = notify(
        users=[staff_user, editor_user], verb="a modifié", actor=editor_user
    )
    assert [n.user for n in created] == [staff_user]


@pytest.mark.django_db
def test_feed_lists_and_marks_read(client, staff_user, editor_user):
    notify(
        users=[staff_user], verb="a publié", target_label="Portail", actor=editor_user
    )
    client.force_login(staff_user)
    feed = client.get("/notifications/").json()
    assert feed["unread"] == 1
    assert feed["items"][0]["actor"] == "Editor"
    response = client.post("/notifications/read/", HTTP_ACCEPT="application/json")
    assert response.json() == {"marked": 1}
    assert client.get("/notifications/").json()["unread"] == 0


@pytest.mark.django_db
def test_mark_read_rejects_bad_ids(client, staff_user):
    client.force_login(staff_user)
    assert client.post("/notifications/read/", {"id": "abc"}).status_code == 400


@pytest.mark.django_db
def test_feed_is_private(client, staff_user, sales_user, editor_user):
    notify(users=[staff_user], verb="secret", actor=editor_user)
    client.force_login(sales_user)
    assert client.get("/notifications/").json()["items"] == []
    client.logout()
    assert client.get("/notifications/").status_code == 302


@pytest.mark.django_db
def test_digest_mails_each_user_once(staff_user, sales_user, editor_user):
    notify(
        users=[staff_user, sales_user],
        verb="a publié",
        target_label="Poteau",
        target_url="/wiki/poteau/",
        actor=editor_user,
    )
    notify(
        users=[staff_user], verb="a commenté", target_label="Poteau", actor=editor_user
    )
    result = notification_digest_send()
    assert (result.users, result.notifications) == (2, 3)
    assert sorted(m.to[0] for m in mail.outbox) == [sales_user.email, staff_user.email]
    staff_mail = next(m for m in mail.outbox if m.to == [staff_user.email])
    assert "Poteau" in staff_mail.body and "/wiki/poteau/" in staff_mail.body
    assert notification_digest_send().users == 0  # nothing twice
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_audit_log_records_actor_and_target(staff_user):
    entry = audit_log(
        actor=staff_user, action="test.touch", target=staff_user, changes={"a": [1, 2]}
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == staff_user
    assert stored.target_id == str(staff_user.pk)
    assert stored.changes == {"a": [1, 2]}


@pytest.mark.django_db
def test_digest_command_reports_what_it_sent(staff_user, editor_user):
    from io import StringIO

    from django.core.management import call_command

    notify(users=[staff_user], verb="a publié", actor=editor_user)
    out = StringIO()
    call_command("send_notification_digest", stdout=out)
    assert "Sent 1 digests covering 1 notifications." in out.getvalue()
