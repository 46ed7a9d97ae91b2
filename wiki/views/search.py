from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .. import selectors, services
from ..forms import SearchForm
from ..models import WikiCategoryPage
from .common import staff_required


@staff_required
@require_GET
def search(request):
    form = SearchForm(request.GET)
    hits, query, category = [], "", None
    categories = list(WikiCategoryPage.objects.live().order_by("title"))
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        category_id = form.cleaned_data["category"]
        category = next((c for c in categories if c.pk == category_id), None)
        if query:
            hits = selectors.article_search(query=query, category=category)
            services.search_log(
                query=query, hits=len(hits), user=request.user, category=category
            )
    return TemplateResponse(
        request,
        "wiki/search.html",
        {
            "form": form,
            "query": query,
            "hits": hits,
            "categories": categories,
            "category": category,
        },
    )


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
