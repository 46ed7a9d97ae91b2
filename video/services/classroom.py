"""The trainer's tools in a room: the raised-hands queue, the questions queue,
mute everyone, spotlight one participant.

The consumer checks that the caller is the host before calling the host-only
functions here; they take `by` for the audit trail.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from ..models import Participant, Question, Room

MAX_OPEN_QUESTIONS_PER_PERSON = 5
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def question_info(question: Question) -> dict:
    return {
        "id": question.pk,
        "name": question.author_name,
        "text": question.text,
        "at": question.created_at.isoformat(),
        "answered": question.is_answered,
    }


def questions_for_room(room: Room, *, limit: int = 100) -> list[dict]:
    """Open questions first (oldest first: the queue), then the answered ones."""
    questions = room.questions.order_by("-created_at", "-pk")[:limit]
    ordered = sorted(questions, key=lambda q: (q.is_answered, q.created_at, q.pk))
    return [question_info(q) for q in ordered]


@transaction.atomic
def question_ask(*, room: Room, participant: Participant, text: str) -> Question:
    text = _CONTROL_CHARS.sub("", str(text or "")).strip()
    if not text:
        raise ValidationError(_("The question is empty."))
    if len(text) > Question.MAX_LENGTH:
        raise ValidationError(
            _("A question has at most %(max)d characters.")
            % {"max": Question.MAX_LENGTH}
        )
    open_ones = room.questions.filter(
        answered_at__isnull=True, author_name=participant.display_name[:120]
    )
    if open_ones.count() >= MAX_OPEN_QUESTIONS_PER_PERSON:
        raise ValidationError(
            _("You already have %(max)d questions waiting for an answer.")
            % {"max": MAX_OPEN_QUESTIONS_PER_PERSON}
        )
    question = Question(
        room=room,
        author=participant.user,
        author_name=participant.display_name[:120] or "?",
        text=text,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_mark_answered(*, room: Room, question_id: int, by) -> Question:
    question = room.questions.select_for_update().filter(pk=question_id).first()
    if question is None:
        raise ValidationError(_("This question is not in this room."))
    if question.answered_at is None:
        question.answered_at = timezone.now()
        question.answered_by = by
        question.save(update_fields=["answered_at", "answered_by"])
        audit_log(
            actor=by,
            action="video.question.answered",
            target=room,
            changes={"question": question.pk, "author": question.author_name},
        )
    return question


@transaction.atomic
def mute_all(*, room: Room, by, keep_peer: str) -> list[str]:
    """Everyone in the call but the host (`keep_peer`) is muted; returns their ids.
    The media flag is the server's truth; each browser then stops its microphone."""
    muted = []
    others = room.participants.select_for_update().filter(
        state=Participant.State.IN_CALL
    )
    for participant in others.exclude(peer_id=keep_peer):
        participant.media = {**participant.media, "audio": False}
        participant.save(update_fields=["media"])
        muted.append(participant.peer_id)
    audit_log(
        actor=by, action="video.mute_all", target=room, changes={"muted": len(muted)}
    )
    return muted


@transaction.atomic
def hand_lower(*, room: Room, peer_id: str, by) -> Participant:
    """The host takes a raised hand off the queue (the question was dealt with)."""
    participant = (
        room.participants.select_for_update()
        .filter(peer_id=peer_id, state=Participant.State.IN_CALL)
        .first()
    )
    if participant is None:
        raise ValidationError(_("This participant is no longer in the room."))
    participant.media = {**participant.media, "hand": False}
    participant.hand_raised_at = None
    participant.save(update_fields=["media", "hand_raised_at"])
    return participant


@transaction.atomic
def spotlight_set(*, room: Room, peer_id: str, by) -> str:
    """Pin one participant big for everyone; "" clears the spotlight."""
    room = Room.objects.select_for_update().get(pk=room.pk)
    if peer_id:
        in_call = room.participants.filter(
            peer_id=peer_id, state=Participant.State.IN_CALL
        )
        if not in_call.exists():
            raise ValidationError(_("This participant is no longer in the room."))
    room.spotlight_peer = peer_id
    room.save(update_fields=["spotlight_peer"])
    audit_log(
        actor=by, action="video.spotlight", target=room, changes={"peer": peer_id}
    )
    return peer_id
