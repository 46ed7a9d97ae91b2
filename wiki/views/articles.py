from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from hub import roles

from .. import notices, selectors, services
from ..forms import CreateArticleForm, FeedbackForm
from ..models import ArticlePage, WikiCategoryPage
from .common import staff_required


def _back(request, page):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(page.get_url(request) or "/wiki/")


@staff_required
def create(request):
    """Red link target: make a draft with the title and open it in the editor
    (asks for the category first when the link did not carry one). Readers who
    may not write may ask the editors for it instead."""
    if not roles.is_editor(request.user):
        return _ask_for_article(request)
    form = CreateArticleForm(request.GET or None)
    categories = list(WikiCategoryPage.objects.live().order_by("title"))
    if form.is_valid():
        title = form.cleaned_data["title"]
        existing = selectors.article_by_title(title)
        if existing is not None:
            messages.info(request, _("This article already exists."))
            return redirect(existing.get_url(request))
        category_id = form.cleaned_data["category"]
        category = next((c for c in categories if c.pk == category_id), None)
        if category is not None:
            page = services.article_create_draft(
                title=title, category=category, by=request.user
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if category_id:
            form.add_error("category", _("Choose one of the categories."))
    return TemplateResponse(
        request, "wiki/create.html", {"form": form, "categories": categories}
    )


def _ask_for_article(request):
    """A reader who may not write followed a red link: a page offering to ask
    the editors for it (a POST: following a link never writes anything)."""
    form = CreateArticleForm(request.POST or request.GET or None)
    if not form.is_valid():
        messages.error(request, _("Give the article a title."))
        return redirect(reverse("wiki:search"))
    title = form.cleaned_data["title"][:200]
    existing = selectors.article_by_title(title)
    if existing is not None:
        return redirect(existing.get_url(request))
    if request.method != "POST":
        return TemplateResponse(
            request,
            "wiki/request_article.html",
            {"title": title, "category": form.cleaned_data["category"]},
        )
    notices.article_request(
        title=title, category_id=form.cleaned_data["category"], by=request.user
    )
    messages.info(
        request,
        _("“%(title)s” has no article yet; the editors have been told.")
        % {"title": title},
    )
    return redirect(f"{reverse('wiki:search')}?{urlencode({'q': title})}")


@staff_required
@require_POST
def watch(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    specific = page.specific_class
    if specific is None or specific.__module__.split(".")[0] != "wiki":
        raise Http404
    watching = services.watch_toggle(user=request.user, page=page)
    messages.success(
        request,
        _("You now watch “%(title)s”.") % {"title": page.title}
        if watching
        else _("You no longer watch “%(title)s”.") % {"title": page.title},
    )
    return _back(request, page)


@staff_required
@require_POST
def feedback(request, page_id):
    page = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please answer yes or no."))
        return _back(request, page)
    services.feedback_submit(
        user=request.user,
        page=page,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Thank you, your answer helps the editors."))
    return _back(request, page)
