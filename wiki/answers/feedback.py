"""Writes of the answer engine: "Est-ce la réponse ?" votes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AnswerFeedback, ArticlePage
from ..stemming import fold
from .results import Passage
from .sections import article_sections

SOURCES = {"staff", "customer"}


def normalize_query(query: str) -> str:
    return " ".join(fold(query).split())[:200]


@transaction.atomic
def feedback_record(
    *,
    query: str,
    passage: Passage | tuple[int, str],
    helpful: bool,
    user=None,
    source: str = "staff",
) -> AnswerFeedback:
    """Store one vote for (question, passage). A signed-in user's vote on the
    same question and passage replaces their previous one. A customer vote is
    refused for a passage that is not public (a forged form)."""
    page_id, anchor = (
        (passage.page_id, passage.anchor)
        if isinstance(passage, Passage)
        else (int(passage[0]), str(passage[1]))
    )
    if source not in SOURCES:
        raise ValidationError({"source": _("Unknown feedback source.")})
    query = " ".join(str(query).split())[:200]
    if not query:
        raise ValidationError({"query": _("The question is empty.")})
    page = ArticlePage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise ValidationError({"page": _("This article is not published.")})
    section = next((s for s in article_sections(page) if s.anchor == anchor), None)
    if section is None:
        raise ValidationError({"anchor": _("This section does not exist.")})
    if source == "customer" and not section.public:
        raise ValidationError({"anchor": _("This section does not answer customers.")})
    user = user if getattr(user, "is_authenticated", False) else None
    feedback = None
    if user is not None:
        feedback = AnswerFeedback.objects.filter(
            user=user,
            normalized=normalize_query(query),
            page=page,
            anchor=anchor,
        ).first()
    if feedback is None:
        feedback = AnswerFeedback(
            user=user, normalized=normalize_query(query), page=page, anchor=anchor
        )
    feedback.query = query
    feedback.helpful = bool(helpful)
    feedback.source = source
    feedback.full_clean()
    feedback.save()
    return feedback
