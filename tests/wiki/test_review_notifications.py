"""Review, wanted-article and comment notifications of the wiki.

Transactional: Wagtail's workflow actions commit, and the hub notifies after the
commit (as in production), mailing through the (immediate) background tasks.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Comment

from hub import roles
from hub.models import Notification
from tests.conftest import make_user
from wiki.models import ArticlePage, ArticleRequest
from wiki.notices import article_request

from .conftest import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reviewed(wiki, admin_user):
    category = make_category(wiki, "Normes", slug="normes", requires_review=True)
    return make_article(category, "Norme NF EN 13241", user=admin_user)


@pytest.fixture
def moderator(wiki):
    """A reviewer: in the group the review task waits on, allowed to publish."""
    from wiki.services import grant_page_permission

    moderators = Group.objects.get_or_create(name="Moderators")[0]
    for action in ("change", "publish"):
        grant_page_permission(group=moderators, page=wiki, action=action)
    user = make_user("relecteur", roles.STAFF, roles.EDITORS, first_name="Rémi")
    user.groups.add(moderators)
    return user


def _submit(page_id, author):
    page = ArticlePage.objects.get(pk=page_id)
    page.summary = "Version relue."
    page.save_revision(user=author)
    return page.get_workflow().start(page, author)


def test_submitting_tells_the_reviewers_and_wagtail_sends_no_mail_of_its_own(
    reviewed, editor_user, moderator, admin_user
):
    _submit(reviewed.pk, editor_user)
    notes = Notification.objects.filter(kind="wiki.review_submitted")
    assert [(n.user, n.actor) for n in notes] == [(moderator, editor_user)]
    assert notes[0].target_url == f"/cms/pages/{reviewed.pk}/edit/"
    # One mail (ours, immediate by default) to the reviewer; Wagtail's own
    # notifier would have mailed the moderators and every superuser too.
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Norme NF EN 13241" in mail.outbox[0].subject


def test_approval_tells_the_author(reviewed, editor_user, moderator):
    state = _submit(reviewed.pk, editor_user)
    task_state = state.current_task_state
    task_state.task.on_action(task_state, user=moderator, action_name="approve")
    note = Notification.objects.get(kind="wiki.review_decided")
    assert (note.user, note.actor) == (editor_user, moderator)
    assert note.verb == "a approuvé votre page"
    assert note.target_url.startswith("/wiki/")  # live: the article itself


def test_rejection_tells_the_author_with_the_reviewers_comment(
    reviewed, editor_user, moderator
):
    state = _submit(reviewed.pk, editor_user)
    task_state = state.current_task_state
    task_state.task.on_action(
        task_state,
        user=moderator,
        action_name="reject",
        comment="Citer la norme 2016",
    )
    note = Notification.objects.get(kind="wiki.review_decided")
    assert note.user == editor_user
    assert "Citer la norme 2016" in note.verb
    assert note.target_url == f"/cms/pages/{reviewed.pk}/edit/"  # to fix it


def test_a_wanted_article_tells_the_category_editors_once(
    wiki, editor_user, staff_user, sales_user
):
    category = make_category(wiki, "Portails")
    make_user("autre", roles.STAFF)  # reads the wiki, writes nothing: not told
    article_request(title="Gabion décoratif", category_id=category.pk, by=staff_user)
    article_request(title="gabion  DÉCORATIF", category_id=category.pk, by=sales_user)
    note = Notification.objects.get(kind="wiki.wanted")
    assert note.user == editor_user and note.actor == staff_user
    assert note.target_url.startswith("/wiki/create/?title=Gabion")
    assert f"category={category.pk}" in note.target_url
    request = ArticleRequest.objects.get()
    assert set(request.requesters.all()) == {staff_user, sales_user}


def test_publishing_the_wanted_article_tells_who_asked(wiki, editor_user, staff_user):
    category = make_category(wiki, "Portails")
    article_request(title="Gabion décoratif", category_id=category.pk, by=staff_user)
    make_article(category, "Gabion décoratif", user=editor_user)
    answer = Notification.objects.get(user=staff_user)
    assert answer.kind == "wiki.watched" and answer.target_label == "Gabion décoratif"
    assert not ArticleRequest.objects.exists()


def test_a_mention_in_a_page_comment_tells_editors_who_can_open_it(
    category, editor_user, staff_user, admin_user
):
    article = make_article(category, "Poteau à encoches", user=admin_user)
    Comment.objects.create(
        page=article,
        user=admin_user,
        text="@editor peux-tu vérifier ? @staff aussi",
        contentpath="summary",
        revision_created=article.latest_revision,
    )
    notes = Notification.objects.filter(kind="mention")
    # staff cannot edit the page, so the comment is invisible to them.
    assert [n.user for n in notes] == [editor_user]
    assert notes[0].target_url == f"/cms/pages/{article.pk}/edit/"
