"""The answer card on the staff search page and its "Is this the answer?"
votes: allowed and refused users, bad input, the suggestion and the way on."""

import pytest

from tests.wiki.conftest import make_article, make_category
from wiki.answers.store import forget
from wiki.models import AnswerFeedback, SearchLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_corpus():
    forget()
    yield
    forget()


@pytest.fixture
def article(wiki, django_user_model, django_capture_on_commit_callbacks):
    expert = django_user_model.objects.create_user(
        "cpetit", first_name="Claire", last_name="Petit"
    )
    category = make_category(wiki, "Portails", slug="portails")
    with django_capture_on_commit_callbacks(execute=True):
        return make_article(
            category,
            "Portail qui frotte au sol",
            summary="Des gonds affaissés : un réglage suffit.",
            expert=expert,
            last_reviewed="2026-09-15",
            body=[
                ("heading", {"text": "Régler les gonds", "level": "h2"}),
                ("paragraph", "<p>Desserrez le contre-écrou <b>du gond</b>.</p>"),
            ],
        )


def test_answer_card_quotes_the_best_section(client, staff_user, article):
    client.force_login(staff_user)
    response = client.get("/wiki/search/", {"q": "régler le gond du portail"})
    html = response.content.decode()
    best = response.context["best"]
    assert best.page_id == article.pk and best.anchor == "regler-les-gonds"
    assert 'id="answer-card"' in html
    assert f'href="{article.url}#regler-les-gonds"' in html
    assert "Claire Petit" in html
    assert "15/09/2026" in html
    assert 'name="anchor" value="regler-les-gonds"' in html
    assert "&lt;b&gt;" not in html and "<b>du gond</b>" not in html  # plain text


def test_sloppy_question_gets_a_suggestion_and_passages(client, staff_user, article):
    client.force_login(staff_user)
    response = client.get("/wiki/search/", {"q": "portail qui frote"})
    html = response.content.decode()
    assert response.context["answer"].suggestion == "portail qui frotte"
    assert 'id="search-suggestion"' in html
    assert "?q=portail%20qui%20frotte" in html
    assert SearchLog.objects.get().hits >= 1


def test_no_answer_still_shows_a_way_on(client, staff_user, article):
    client.force_login(staff_user)
    html = client.get("/wiki/search/", {"q": "xqzw blorp"}).content.decode()
    assert 'id="answer-card"' not in html
    assert 'id="search-way-on"' in html
    assert "/wiki/portails/" in html  # browse a category
    assert "/wiki/create/?title=xqzw%20blorp" in html


def vote(client, article, helpful="yes", **extra):
    data = {"q": "régler le gond", "page": article.pk, "anchor": "regler-les-gonds"}
    data.update(helpful=helpful, **extra)
    return client.post("/wiki/search/answer/", data)


def test_staff_vote_is_stored_per_question_and_passage(client, staff_user, article):
    client.force_login(staff_user)
    response = vote(client, article)
    assert response.status_code == 302
    assert response["Location"].startswith("/wiki/search/?q=")
    vote(client, article, helpful="no")
    feedback = AnswerFeedback.objects.get()
    assert (feedback.user, feedback.helpful, feedback.anchor) == (
        staff_user,
        False,
        "regler-les-gonds",
    )
    assert feedback.normalized == "regler le gond"


def test_vote_refused_without_a_role(client, outsider_user, article):
    client.force_login(outsider_user)
    assert vote(client, article).status_code == 403
    assert not AnswerFeedback.objects.exists()


def test_vote_refused_when_anonymous(client, article):
    response = vote(client, article)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AnswerFeedback.objects.exists()


def test_vote_is_post_only_and_checks_csrf(staff_user, article):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.get("/wiki/search/answer/").status_code == 405
    assert vote(client, article).status_code == 403
    assert not AnswerFeedback.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"helpful": "maybe"},
        {"page": "abc"},
        {"anchor": "no-such-heading"},
        {"page": 999999},
        {"q": ""},
    ],
)
def test_bad_votes_are_refused(client, staff_user, article, change):
    client.force_login(staff_user)
    data = {
        "q": "régler le gond",
        "page": article.pk,
        "anchor": "regler-les-gonds",
        "helpful": "yes",
    }
    data.update(change)
    response = client.post("/wiki/search/answer/", data, follow=True)
    assert response.status_code == 200
    assert not AnswerFeedback.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "Thank you" not in messages[0]
