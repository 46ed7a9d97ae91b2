"""Writes of the microsites' question box: each question is kept with what it
got, and one the public articles could not answer — or that the customer said
was not answered — becomes a customer signal in the editors' queue, with its
site. (The microsites call these; the callback's lead is theirs to make.)"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .keys import tidy
from .models import CustomerQuestion, Source
from .services import demand_note

_SALT = "demand.customer-question"
MAX_QUESTION = 200


def answers_it(answer) -> bool:
    """Is there a passage to show as *the* answer? The engine says so
    (`Answer.confident`); other passages are only leads, and the customer is
    offered an expert's call instead."""
    return answer.best is not None and answer.confident


def question_ref(question: CustomerQuestion) -> str:
    """A reference a form may carry (signed: no voting on others' questions)."""
    return signing.dumps(question.pk, salt=_SALT)


def question_from_ref(ref: str, *, site) -> CustomerQuestion | None:
    try:
        pk = signing.loads(ref or "", salt=_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return CustomerQuestion.objects.filter(pk=pk, site=site).first()


def _signal_ref(question: CustomerQuestion) -> str:
    return f"customer-question:{question.pk}"


@transaction.atomic
def customer_question_ask(*, site, text: str, asked_on=None):
    """Answer `text` from what customers may read; returns (question, answer)."""
    from wiki.answers import ask

    text = tidy(text, MAX_QUESTION)
    if not text:
        raise ValidationError({"q": _("Type your question.")})
    answer = ask(text, public_only=True, site=site, limit=3)
    best = answer.best
    answered = answers_it(answer)
    question = CustomerQuestion(
        site=site,
        text=text,
        asked_on=asked_on,
        answered=answered,
        page_id=best.page_id if answered else None,
        anchor=best.anchor if answered else "",
        score=best.score if best else None,
    )
    question.full_clean()
    question.save()
    if not question.answered:
        demand_note(
            source=Source.CUSTOMER,
            text=text,
            ref=_signal_ref(question),
            at=question.created_at,
            site=site,
        )
    return question, answer


def customer_answer(question: CustomerQuestion):
    """(answer, passage shown) for a question asked before (the page after a
    vote): the same passage when the article still says it, else None."""
    from wiki.answers import ask

    answer = ask(question.text, public_only=True, site=question.site, limit=3)
    shown = next(
        (
            p
            for p in answer.passages
            if p.page_id == question.page_id and p.anchor == question.anchor
        ),
        None,
    )
    return answer, shown


@transaction.atomic
def customer_question_vote(*, question: CustomerQuestion, helpful: bool):
    """ "Est-ce la réponse ?" — one answer per question; "no" puts it in the
    editors' queue as a customer question (with the passage that missed)."""
    from wiki.answers import feedback_record

    question = CustomerQuestion.objects.select_for_update().get(pk=question.pk)
    if question.helpful is not None:
        return question
    if not question.answered or question.page_id is None:
        raise ValidationError(_("This question had no answer to judge."))
    feedback_record(
        query=question.text,
        passage=(question.page_id, question.anchor),
        helpful=helpful,
        source="customer",
    )
    question.helpful = bool(helpful)
    question.save(update_fields=["helpful"])
    if not helpful:
        demand_note(
            source=Source.CUSTOMER,
            text=question.text,
            ref=_signal_ref(question),
            site=question.site,
            page=question.page,
            anchor=question.anchor,
        )
    return question


@transaction.atomic
def customer_question_callback(*, question: CustomerQuestion, lead_id: int | None):
    """The customer asked an expert to call back: the lead it became."""
    CustomerQuestion.objects.filter(pk=question.pk).update(lead_id=lead_id)
