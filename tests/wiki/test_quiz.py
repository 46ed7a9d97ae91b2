"""Quizzes gate completion: pass, fail, retry limit and pause, bad input,
prerequisites along the path, hours only on evidence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wiki.models import LessonCompletion, QuizAttempt
from wiki.services import lesson_complete, quiz_attempt_start

from .webschool_helpers import (
    build_school,
    pass_lesson,
    right_answers,
    says,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(wiki_tree):
    return build_school(wiki_tree[1])


def _start(client, lesson):
    response = client.post(f"/wiki/webschool/lessons/{lesson.pk}/quiz/start/")
    assert response.status_code == 302
    return QuizAttempt.objects.filter(lesson=lesson, submitted_at=None).latest("pk")


def _submit(client, lesson, data):
    return client.post(
        f"/wiki/webschool/lessons/{lesson.pk}/quiz/submit/", data, follow=True
    )


def test_questions_are_drawn_and_shuffled_from_the_bank(staff_user, lessons):
    from wiki.models import QuizQuestion

    from .webschool_helpers import add_quiz

    add_quiz(lessons[0], count=6)  # 8 questions in the bank, 2 drawn
    orders, sets = set(), set()
    for _ in range(12):
        attempt = quiz_attempt_start(user=staff_user, lesson=lessons[0])
        assert len(attempt.drawn) == 2
        sets.add(frozenset(d["question"] for d in attempt.drawn))
        orders.update(tuple(d["order"]) for d in attempt.drawn)
        attempt.delete()
    assert len(sets) > 1 and len(orders) > 1
    bank = set(
        QuizQuestion.objects.filter(lesson=lessons[0]).values_list("pk", flat=True)
    )
    assert set().union(*sets) <= bank


def test_pass_credits_hours_with_the_attempt_as_evidence(client, staff_user, lessons):
    client.force_login(staff_user)
    attempt = _start(client, lessons[1 - 1])
    page = client.get(lessons[0].url)
    assert says(page.content.decode(), "Submit my answers", "Valider mes réponses")
    response = _submit(client, lessons[0], right_answers(attempt))
    assert says(
        response.content.decode(), "Quiz passed with 100 %", "Quiz réussi avec 100 %"
    )
    completion = LessonCompletion.objects.get(user=staff_user)
    assert completion.minutes == 30
    assert completion.evidence == f"quiz attempt #{attempt.pk} (100 %)"
    attempt.refresh_from_db()
    assert set(attempt.answers) == {str(d["question"]) for d in attempt.drawn}
    # Passed: no second attempt.
    client.post(f"/wiki/webschool/lessons/{lessons[0].pk}/quiz/start/")
    assert QuizAttempt.objects.filter(submitted_at=None).count() == 0


def test_fail_then_pause_after_the_attempt_limit(client, staff_user, lessons):
    client.force_login(staff_user)
    for _n in range(2):  # quiz_max_attempts = 2
        attempt = _start(client, lessons[0])
        response = _submit(client, lessons[0], wrong_answers(attempt))
        assert says(
            response.content.decode(), "Quiz failed with 0 %", "Quiz échoué avec 0 %"
        )
    assert not LessonCompletion.objects.exists()
    response = client.post(
        f"/wiki/webschool/lessons/{lessons[0].pk}/quiz/start/", follow=True
    )
    assert says(
        response.content.decode(),
        "No attempts left for now",
        "Plus d’essai possible pour l’instant",
    )
    assert QuizAttempt.objects.filter(submitted_at=None).count() == 0
    # After the pause, a new series of attempts.
    QuizAttempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=31))
    attempt = _start(client, lessons[0])
    _submit(client, lessons[0], right_answers(attempt))
    assert LessonCompletion.objects.filter(user=staff_user).count() == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda data, q: data.pop(q),  # a question unanswered
        lambda data, q: data.__setitem__(q, ["abc"]),  # not a number
        lambda data, q: data.__setitem__(q, ["99"]),  # an answer never shown
        lambda data, q: data.__setitem__(q, ["0", "1"]),  # two on a one-answer question
    ],
)
def test_bad_answers_are_refused_and_leave_the_attempt_open(
    client, staff_user, lessons, mangle
):
    client.force_login(staff_user)
    attempt = _start(client, lessons[0])
    data = right_answers(attempt)
    single = next(
        d["question"]
        for d in attempt.drawn
        if attempt.lesson.quiz_questions.get(pk=d["question"]).kind == "single"
    )
    mangle(data, f"q{single}")
    response = _submit(client, lessons[0], data)
    text = response.content.decode()
    assert (
        says(text, "Answer every question", "Répondez à toutes les questions")
        or says(
            text, "An answer was not understood", "Une réponse n’a pas été comprise"
        )
        or says(text, "Pick one answer only", "Choisissez une seule réponse")
    )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not LessonCompletion.objects.exists()


def test_an_attempt_of_someone_else_or_of_another_lesson_is_refused(
    client, staff_user, sales_user, lessons
):
    mine = quiz_attempt_start(user=staff_user, lesson=lessons[0])
    client.force_login(sales_user)
    response = _submit(client, lessons[0], right_answers(mine))
    assert says(
        response.content.decode(), "This attempt is over", "Cet essai est terminé"
    )
    client.force_login(staff_user)
    response = _submit(client, lessons[1], right_answers(mine))
    assert says(
        response.content.decode(), "This attempt is over", "Cet essai est terminé"
    )
    assert not LessonCompletion.objects.exists()
    assert (
        client.post(
            f"/wiki/webschool/lessons/{lessons[0].pk}/quiz/submit/", {"attempt": "x"}
        ).status_code
        == 302
    )


def test_prerequisites_refused_then_allowed(client, staff_user, lessons):
    initiation_2, prospection_1 = lessons[1], lessons[2]
    with pytest.raises(ValidationError) as error:
        quiz_attempt_start(user=staff_user, lesson=initiation_2)
    assert "initiation 0" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        quiz_attempt_start(user=staff_user, lesson=prospection_1)
    assert "Initiation" in error.value.messages[0]
    client.force_login(staff_user)
    page = client.get(prospection_1.url).content.decode()
    assert says(page, "This lesson is locked.", "Cette leçon est verrouillée")
    assert says(
        page,
        "First finish the “Initiation” level",
        "Terminez d’abord le niveau « Initiation »",
    )
    pass_lesson(staff_user, lessons[0])
    pass_lesson(staff_user, initiation_2)
    assert quiz_attempt_start(user=staff_user, lesson=prospection_1).pk


def test_no_completion_without_evidence_and_no_trust_button(
    client, staff_user, lessons
):
    with pytest.raises(ValueError):
        lesson_complete(user=staff_user, lesson=lessons[0], evidence="")
    client.force_login(staff_user)
    response = client.post(f"/wiki/webschool/lessons/{lessons[0].pk}/done/")
    assert response.status_code == 404
    assert "Marquer comme terminée" not in client.get(lessons[0].url).content.decode()
    assert not LessonCompletion.objects.exists()


def test_quiz_urls_refuse_strangers(client, outsider_user, lessons):
    url = f"/wiki/webschool/lessons/{lessons[0].pk}/quiz/start/"
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(outsider_user)
    assert client.post(url).status_code == 403
    assert not QuizAttempt.objects.exists()
