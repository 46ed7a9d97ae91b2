from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub import roles

from .. import selectors
from ..forms import RecentFilterForm
from ..models import WikiCategoryPage
from .common import editor_required, staff_required


def _recent_filters(request):
    index = selectors.wiki_index()
    if index is None:
        raise Http404
    form = RecentFilterForm(request.GET)
    username, category = "", None
    if form.is_valid():
        username = form.cleaned_data["user"].strip()
        if form.cleaned_data["category"]:
            category = (
                WikiCategoryPage.objects.live()
                .filter(pk=form.cleaned_data["category"])
                .first()
            )
    return index, form, username, category


@staff_required
@require_GET
def recent(request):
    index, form, username, category = _recent_filters(request)
    entries = selectors.recent_changes(
        index=index, username=username, category=category
    )
    return TemplateResponse(
        request,
        "wiki/recent.html",
        {
            "form": form,
            "entries": entries,
            "categories": WikiCategoryPage.objects.live().order_by("title"),
            "username": username,
            "category": category,
            "query_string": request.GET.urlencode(),
        },
    )


class RecentChangesFeed(Feed):
    """Atom feed of /wiki/recent/ (same filters), for staff feed readers."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not roles.is_staff_member(request.user):
            raise PermissionDenied
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        index, _form, username, category = _recent_filters(request)
        self.request = request
        return {"index": index, "username": username, "category": category}

    def title(self, obj):
        return _("Wiki: recent changes")

    def link(self, obj):
        return "/wiki/recent/"

    def subtitle(self, obj):
        return _("Every change to the product encyclopedia.")

    def items(self, obj):
        return selectors.recent_changes(**obj, limit=50)

    def item_title(self, item):
        return f"{item.label} — {item.message}"

    def item_description(self, item):
        note = item.revision.content.get("change_note", "") if item.revision else ""
        return note or item.message

    def item_link(self, item):
        return item.page.url if item.page_id and item.page else "/wiki/recent/"

    def item_guid(self, item):
        return f"wiki-log-{item.pk}"

    def item_pubdate(self, item):
        return item.timestamp

    def item_author_name(self, item):
        return item.user_display_name


def _short(text: str, size: int = 9) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


@editor_required
@require_GET
def reports(request):
    most = list(selectors.most_viewed())
    unanswered = selectors.unanswered_searches()
    top = selectors.top_searches()
    return TemplateResponse(
        request,
        "wiki/reports.html",
        {
            "most_viewed": most,
            "least_helpful": selectors.least_helpful(),
            "top_searches": top,
            "unanswered": unanswered,
            "stale": selectors.stale_articles(),
            "wanted": selectors.wanted_articles(),
            "comments": selectors.recent_feedback_comments(),
            "views_chart": {
                "labels": [_short(p.title) for p in most],
                "series": [{"name": _("Views"), "values": [p.views for p in most]}],
            },
            "searches_chart": {
                "labels": [_short(row["query"]) for row in top[:6]],
                "series": [
                    {"name": _("Searches"), "values": [r["count"] for r in top[:6]]}
                ],
            },
        },
    )
