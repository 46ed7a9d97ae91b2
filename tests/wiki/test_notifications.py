import pytest
from django.core import mail
from django.core.management import call_command

from hub.models import Notification
from wiki.services import review_reminders_send, watch_toggle

from .conftest import make_article, republish

pytestmark = pytest.mark.django_db(transaction=True)


def test_watchers_notified_on_publish_but_not_the_author(
    category, staff_user, editor_user, sales_user
):
    article = make_article(category, "Portail coulissant", user=editor_user)
    assert watch_toggle(user=staff_user, page=article) is True
    watch_toggle(user=sales_user, page=category)  # watches the whole category
    watch_toggle(user=editor_user, page=article)  # the author watches too
    republish(article, user=editor_user, summary="Nouveau résumé.")
    notes = Notification.objects.order_by("user__username")
    assert [(n.user.username, n.target_label) for n in notes] == [
        ("sales", "Portail coulissant"),
        ("staff", "Portail coulissant"),
    ]
    assert notes[0].actor == editor_user
    assert notes[0].target_url == article.url
    call_command("send_notification_digest")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "sales@example.com",
        "staff@example.com",
    ]
    assert "Portail coulissant" in mail.outbox[0].body


def test_unwatch_stops_notifications(category, staff_user, editor_user):
    article = make_article(category, "Portillon", user=editor_user)
    watch_toggle(user=staff_user, page=article)
    assert watch_toggle(user=staff_user, page=article) is False
    republish(article, user=editor_user, summary="Autre.")
    assert not Notification.objects.exists()


def test_watch_view_requires_post_and_staff(
    client, category, staff_user, outsider_user
):
    article = make_article(category, "Portillon")
    client.force_login(outsider_user)
    assert client.post(f"/wiki/watch/{article.pk}/").status_code == 403
    client.force_login(staff_user)
    assert client.get(f"/wiki/watch/{article.pk}/").status_code == 405
    response = client.post(f"/wiki/watch/{article.pk}/", {"next": article.url})
    assert response.status_code == 302 and response["Location"] == article.url
    assert staff_user.wiki_watches.filter(page_id=article.pk).exists()
    evil = client.post(f"/wiki/watch/{article.pk}/", {"next": "https://evil.example/"})
    assert evil["Location"] == article.url


def test_review_reminder_to_expert_once(category, staff_user, editor_user):
    import datetime

    from django.utils import timezone

    past = timezone.localdate() - datetime.timedelta(days=3)
    make_article(category, "Normes", expert=staff_user, review_by=past)
    make_article(
        category,
        "Récent",
        expert=staff_user,
        review_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert review_reminders_send() == 1
    assert review_reminders_send() == 0
    note = Notification.objects.get(user=staff_user)
    assert note.target_label == "Normes"


def test_review_reminder_command(category, staff_user):
    import datetime
    import io

    from django.utils import timezone

    past = timezone.localdate() - datetime.timedelta(days=3)
    make_article(category, "Normes", expert=staff_user, review_by=past)
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "1 review reminder(s) sent." in out.getvalue()
    assert Notification.objects.filter(user=staff_user).count() == 1


def test_editor_change_goes_through_review_then_notifies(
    wiki, editor_user, admin_user, staff_user
):
    from wiki.models import ArticlePage

    from .conftest import make_category

    category = make_category(wiki, "Normes", slug="normes", requires_review=True)
    article = make_article(category, "Norme NF EN 13241", user=admin_user)
    watch_toggle(user=staff_user, page=article)
    page = ArticlePage.objects.get(pk=article.pk)
    page.summary = "Version relue."
    page.save_revision(user=editor_user)
    workflow = page.get_workflow()
    assert workflow.name == "Relecture wiki"
    workflow_state = workflow.start(page, editor_user)
    assert not Notification.objects.filter(user=staff_user).exists()  # not yet live
    task_state = workflow_state.current_task_state
    task_state.task.on_action(task_state, user=admin_user, action_name="approve")
    page.refresh_from_db()
    assert page.summary == "Version relue."
    note = Notification.objects.get(user=staff_user)
    assert note.actor == editor_user  # the author of the change, not the reviewer


def test_notification_links_are_paths_when_microsites_exist(
    category, staff_user, editor_user, second_site
):
    """With several sites a page's `.url` is absolute with the configured
    hostname; the bell must open the article on the host the user is on."""
    article = make_article(category, "Poteau à encoches", user=editor_user)
    watch_toggle(user=staff_user, page=article)
    republish(article, user=editor_user, summary="Nouveau résumé.")
    note = Notification.objects.get(user=staff_user)
    assert article.url.startswith("http://")
    assert note.target_url == "/" + article.url.split("/", 3)[3]
    assert note.target_url.startswith("/wiki/")
