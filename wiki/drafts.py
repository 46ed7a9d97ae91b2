"""Writes of the wiki the editors' demand queue (`demand` app) asks for: a
draft that already lists the questions it must answer, and a search synonym
taught from a question that found nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hub.services import audit_log

from .models import ArticlePage, Synonym, WikiCategoryPage
from .services import article_create_draft


@transaction.atomic
def article_draft_for_questions(
    *, title: str, category: WikiCategoryPage, questions: list[str], by
) -> ArticlePage:
    """`article_create_draft`, with a "Questions asked" callout as its body
    when the draft is new (an existing draft of that title keeps its text)."""
    page = article_create_draft(title=title, category=category, by=by)
    latest = page.get_latest_revision_as_object()
    if not questions or len(latest.body):
        return page
    with translation.override(settings.LANGUAGE_CODE):  # French content
        heading = _("Questions asked")
    latest.body = [
        (
            "callout",
            {
                "kind": "info",
                "title": heading,
                "text": "\n".join(f"• {q}" for q in questions),
            },
        )
    ]
    latest.save_revision(user=by, log_action=False)
    return ArticlePage.objects.get(pk=page.pk)


@transaction.atomic
def synonym_add(*, term: str, expansions: str, two_way: bool = False, by) -> Synonym:
    """Add the words to the term's synonyms (a known term keeps its own and
    gains these; the list stays free of repeats)."""
    term = " ".join(term.split())
    words = [w.strip() for w in expansions.split(",") if w.strip()]
    synonym = Synonym.objects.select_for_update().filter(term__iexact=term).first()
    if synonym is None:
        synonym = Synonym(term=term, two_way=two_way)
        before = []
    else:
        before = synonym.expansion_list()
        synonym.two_way = synonym.two_way or two_way
    merged = list(dict.fromkeys(before + words))
    synonym.expansions = ", ".join(merged)
    synonym.full_clean()
    synonym.save()
    audit_log(
        actor=by,
        action="wiki.synonym",
        target=synonym,
        changes={"term": synonym.term, "expansions": synonym.expansions},
    )
    return synonym
