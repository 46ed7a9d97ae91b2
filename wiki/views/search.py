from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import answers, selectors, services
from ..forms import AnswerFeedbackForm, SearchForm
from ..models import WikiCategoryPage
from .common import staff_required


@staff_required
@require_GET
def search(request):
    """The answer card (the best section, when wiki.answers is confident) on
    top of the article list (full-text search), then the other sections the
    answer engine found: a sloppy question still leads somewhere."""
    form = SearchForm(request.GET)
    hits, query, category, answer = [], "", None, None
    categories = list(WikiCategoryPage.objects.live().order_by("title"))
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        category_id = form.cleaned_data["category"]
        category = next((c for c in categories if c.pk == category_id), None)
        if query:
            hits = selectors.article_search(query=query, category=category)
            answer = answers.ask(query, limit=10, user=request.user)
            if category is not None:
                answer = _within(answer, category)
            services.search_log(
                query=query,
                hits=max(len(hits), len(answer.passages)),
                user=request.user,
                category=category,
            )
    passages = answer.passages if answer else []
    # The card only for a confident answer; the other sections are leads.
    best = passages[0] if passages and answer.confident else None
    return TemplateResponse(
        request,
        "wiki/search.html",
        {
            "form": form,
            "query": query,
            "hits": hits,
            "answer": answer,
            "best": best,
            "related": passages[1:] if best else passages,
            "categories": categories,
            "category": category,
        },
    )


def _within(answer, category):
    """Keep the passages of the chosen category's articles."""
    inside = set(
        category.get_descendants().live().values_list("pk", flat=True)
    )  # a category holds a few hundred articles at most
    return answers.Answer(
        query=answer.query,
        passages=[p for p in answer.passages if p.page_id in inside],
        suggestion=answer.suggestion,
    )


@staff_required
@require_POST
def answer_feedback(request):
    """ "Est-ce la réponse ?" under the answer card."""
    form = AnswerFeedbackForm(request.POST)
    query = request.POST.get("q", "")[:200]
    back = f"{reverse('wiki:search')}?{urlencode({'q': query})}"
    if not form.is_valid():
        messages.error(request, _("Please answer yes or no."))
        return redirect(back)
    data = form.cleaned_data
    try:
        answers.feedback_record(
            query=data["q"],
            passage=(data["page"], data["anchor"]),
            helpful=data["helpful"],
            user=request.user,
        )
    except ValidationError:
        messages.error(request, _("This answer no longer exists."))
        return redirect(back)
    if data["helpful"]:
        messages.success(
            request, _("Thank you: this answer will come first for this question.")
        )
    else:
        messages.success(
            request, _("Thank you: the editors will see that this did not answer.")
        )
    return redirect(back)


@staff_required
@require_GET
def autocomplete(request):
    query = request.GET.get("q", "")[:100]
    pages = selectors.article_autocomplete(query=query)
    return JsonResponse(
        {
            "query": query,
            "results": [
                {
                    "id": p.pk,
                    "title": p.title,
                    "summary": p.summary[:120],
                    "url": p.get_url(request),
                }
                for p in pages
            ],
        }
    )
