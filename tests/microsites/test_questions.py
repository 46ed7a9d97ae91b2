"""The question box: answers from public articles only, "Est-ce la réponse ?",
and "un expert vous rappelle" → an attributed lead carrying the question."""

import re
import time

import pytest
from django.test import Client

from demand.models import CustomerQuestion, DemandItem
from hub.models import AuditEntry, Notification
from microsites import spam
from microsites.models import ContactRequest
from prospecting.models import Lead
from wiki.models import AnswerFeedback

from .conftest import SECRET

HOST = "portails-bordeaux.localhost"


def ask(client, text, **params):
    return client.get("/questions/", {"q": text, **params}, HTTP_HOST=HOST)


def test_a_customer_gets_the_public_passage_and_nothing_internal(
    client, bordeaux, articles
):
    response = ask(client, "delai de livraison ?")  # no accent, spoken words
    html = response.content.decode()
    assert response.status_code == 200
    assert "trois semaines" in html
    assert "Délais de livraison" in html  # the source title
    assert SECRET not in html
    assert "/wiki/" not in html  # never a link into the intranet
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]
    question = CustomerQuestion.objects.get()
    assert (question.site, question.answered, question.page_id) == (
        bordeaux,
        True,
        articles["public"].pk,
    )
    assert not DemandItem.objects.exists()


def test_internal_only_questions_get_no_answer_and_reach_the_editors(
    client, bordeaux, articles
):
    response = ask(client, "remise revendeur")
    html = response.content.decode()
    assert SECRET not in html and "Remise revendeur" not in html
    assert "data-no-answer" in html and "data-callback" in html
    item = DemandItem.objects.get()
    signal = item.signals.get()
    assert (item.customers, signal.site, signal.text) == (
        1,
        bordeaux,
        "remise revendeur",
    )


def test_the_page_is_in_the_site_look(client, bordeaux, articles):
    html = ask(client, "livraison").content.decode()
    assert "--ms-primary: #7a1f1f" in html
    assert "Portails Bordeaux" in html


def test_empty_and_too_long_questions(client, bordeaux, articles):
    empty = client.get("/questions/", HTTP_HOST=HOST)
    assert empty.status_code == 200 and "data-question-form" in empty.content.decode()
    assert ask(client, "   ").status_code == 400
    assert ask(client, "x" * 201).status_code == 400
    assert not CustomerQuestion.objects.exists()


def test_fragment_for_the_script_is_only_the_result(client, bordeaux, articles):
    html = ask(client, "livraison", fragment="1").content.decode()
    assert "<html" not in html and "data-question-answer" in html


def test_the_box_is_on_home_and_product_pages(client, bordeaux):
    for path in ("/", "/portail-battant/"):
        html = client.get(path, HTTP_HOST=HOST).content.decode()
        assert 'action="/questions/"' in html and "data-question-box" in html


def test_the_questions_urls_are_not_on_the_hub(client, articles):
    assert client.get("/questions/", {"q": "livraison"}).status_code == 404


def test_from_page_is_kept_when_it_belongs_to_the_site(client, bordeaux, lyon):
    product = bordeaux.root_page.get_children().first()
    ask(client, "garantie", from_page=product.pk)
    ask(client, "garantie", from_page=lyon.root_page.pk)
    first, second = CustomerQuestion.objects.order_by("pk")
    assert first.asked_on_id == product.pk
    assert second.asked_on_id == bordeaux.root_page_id


def _ref(html):
    return re.search(r'name="question" value="([^"]+)"', html).group(1)


def test_yes_vote_is_recorded_once(client, bordeaux, articles):
    ref = _ref(ask(client, "livraison").content.decode())
    response = client.post(
        "/questions/avis/", {"question": ref, "helpful": "yes"}, HTTP_HOST=HOST
    )
    assert response.status_code == 303
    page = client.get(response["Location"], HTTP_HOST=HOST).content.decode()
    assert 'data-voted="yes"' in page and "data-callback" not in page
    client.post("/questions/avis/", {"question": ref, "helpful": "no"}, HTTP_HOST=HOST)
    vote = AnswerFeedback.objects.get()
    assert (vote.helpful, vote.source, vote.page_id) == (
        True,
        "customer",
        articles["public"].pk,
    )
    assert CustomerQuestion.objects.get().helpful is True


def test_no_vote_offers_the_callback_and_tells_the_editors(client, bordeaux, articles):
    ref = _ref(ask(client, "livraison").content.decode())
    response = client.post(
        "/questions/avis/",
        {"question": ref, "helpful": "no", "fragment": "1"},
        HTTP_HOST=HOST,
    )
    assert "fragment=1" in response["Location"]
    html = client.get(response["Location"], HTTP_HOST=HOST).content.decode()
    assert "data-callback" in html and "<html" not in html
    item = DemandItem.objects.get()
    signal = item.signals.get()
    assert (signal.source, signal.site, signal.page_id) == (
        "customer",
        bordeaux,
        articles["public"].pk,
    )
    assert AnswerFeedback.objects.get().helpful is False


@pytest.mark.parametrize("ref", ["", "12", "forged:abc"])
def test_votes_on_forged_questions_are_refused(client, bordeaux, articles, ref):
    response = client.post(
        "/questions/avis/", {"question": ref, "helpful": "no"}, HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert not AnswerFeedback.objects.exists()


def test_a_question_of_another_site_is_not_found_here(client, bordeaux, lyon, articles):
    ref = _ref(ask(client, "livraison").content.decode())
    response = client.post(
        "/questions/avis/",
        {"question": ref, "helpful": "no"},
        HTTP_HOST="clotures-lyon.localhost",
    )
    assert response.status_code == 400


def test_votes_need_csrf(bordeaux, articles):
    strict = Client(enforce_csrf_checks=True)
    ref = _ref(ask(strict, "livraison").content.decode())
    response = strict.post(
        "/questions/avis/", {"question": ref, "helpful": "no"}, HTTP_HOST=HOST
    )
    assert response.status_code == 403


def test_asking_is_rate_limited(client, bordeaux, articles, settings):
    settings.MICROSITES_QUESTION_RATE_LIMIT = 2
    assert ask(client, "livraison").status_code == 200
    assert ask(client, "livraison").status_code == 200
    response = ask(client, "livraison")
    assert response.status_code == 429
    assert CustomerQuestion.objects.count() == 2


# -- un expert vous rappelle -------------------------------------------------------


def callback_data(ref, **overrides):
    data = {
        "question": ref,
        "name": "Jeanne Martin",
        "phone": "06 12 34 56 78",
        "email": "",
        "consent": "on",
        spam.STARTED_FIELD: spam.started_token(time.time() - 60),
        spam.REQUEST_KEY_FIELD: "a" * 32,
    }
    data.update(overrides)
    return data


@pytest.fixture
def unanswered_ref(client, bordeaux, articles):
    return _ref(ask(client, "portail qui frotte par terre").content.decode())


def test_callback_becomes_a_routed_lead_carrying_the_question(
    client, bordeaux, unanswered_ref, manager_user
):
    response = client.post(
        "/questions/rappel/", callback_data(unanswered_ref), HTTP_HOST=HOST
    )
    assert response.status_code == 303
    thanks = client.get(response["Location"], HTTP_HOST=HOST)
    assert "data-callback-sent" in thanks.content.decode()
    lead = Lead.objects.get()
    assert lead.source == "website"
    assert lead.attribution["hostname"] == HOST
    assert lead.attribution["question"] == "portail qui frotte par terre"
    assert "portail qui frotte par terre" in lead.note
    assert "portail qui frotte par terre" in lead.received.values()
    assert lead.contact.phone == "+33612345678"
    assert lead.owner == manager_user  # routed (the fallback manager)
    assert Notification.objects.filter(user=manager_user, kind="lead.web").exists()
    assert CustomerQuestion.objects.get().lead_id == lead.pk
    assert AuditEntry.objects.filter(action="microsites.question_callback").exists()


def test_a_refresh_sends_one_request(client, bordeaux, unanswered_ref):
    first = client.post(
        "/questions/rappel/", callback_data(unanswered_ref), HTTP_HOST=HOST
    )
    again = client.post(
        "/questions/rappel/", callback_data(unanswered_ref), HTTP_HOST=HOST
    )
    assert first["Location"] == again["Location"]
    assert Lead.objects.count() == 1 and ContactRequest.objects.count() == 1


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"phone": "", "email": ""}, "phone"),
        ({"consent": ""}, "consent"),
        ({"name": ""}, "name"),
        ({"email": "pas-un-mail", "phone": ""}, "email"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_callback_bad_input_keeps_what_was_typed(
    client, bordeaux, unanswered_ref, overrides, field
):
    data = callback_data(unanswered_ref, **overrides)
    response = client.post("/questions/rappel/", data, HTTP_HOST=HOST)
    assert response.status_code == 400
    form = response.context["callback_form"]
    assert field in form.errors
    assert not Lead.objects.exists()
    if data["name"]:
        assert data["name"] in response.content.decode()


def test_callback_honeypot_thanks_and_stores_nothing(client, bordeaux, unanswered_ref):
    data = callback_data(unanswered_ref, **{spam.HONEYPOT_FIELD: "http://spam"})
    response = client.post("/questions/rappel/", data, HTTP_HOST=HOST)
    assert (
        response.status_code == 200
        and "data-callback-sent" in response.content.decode()
    )
    assert not Lead.objects.exists()


def test_callback_too_fast_asks_to_send_again(client, bordeaux, unanswered_ref):
    data = callback_data(
        unanswered_ref, **{spam.STARTED_FIELD: spam.started_token(time.time())}
    )
    response = client.post("/questions/rappel/", data, HTTP_HOST=HOST)
    assert (
        response.status_code == 200 and "data-send-again" in response.content.decode()
    )
    assert not Lead.objects.exists()


def test_callback_rate_limited(client, bordeaux, unanswered_ref, settings):
    settings.MICROSITES_RATE_LIMIT = 1
    keys = iter("abc")
    for expected in (303, 429):
        data = callback_data(unanswered_ref, request_key=next(keys) * 32)
        response = client.post("/questions/rappel/", data, HTTP_HOST=HOST)
        assert response.status_code == expected
    assert Lead.objects.count() == 1


def test_callback_for_a_forged_question_is_not_found(client, bordeaux, articles):
    response = client.post("/questions/rappel/", callback_data("x"), HTTP_HOST=HOST)
    assert response.status_code == 404
    assert (
        client.get("/questions/rappel/?question=x", HTTP_HOST=HOST).status_code == 404
    )


def test_callback_page_without_script(client, bordeaux, unanswered_ref):
    response = client.get(
        "/questions/rappel/", {"question": unanswered_ref}, HTTP_HOST=HOST
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "portail qui frotte par terre" in html and 'name="consent"' in html


def test_thanks_page_ignores_forged_references(client, bordeaux):
    response = client.get("/questions/rappel/merci/?r=12:forged", HTTP_HOST=HOST)
    assert response.status_code == 404
