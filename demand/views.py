"""The editors' demand queue, mounted at /wiki/demand/ (hub host only)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import (
    AnsweredForm,
    DismissForm,
    FindArticleForm,
    QueueFilterForm,
    SynonymForm,
    WriteForm,
)
from .models import DemandItem


def queue_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_work_queue(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@queue_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    status, source = DemandItem.Status.OPEN, ""
    if form.is_valid():
        status = form.cleaned_data["status"] or status
        source = form.cleaned_data["source"]
    items = selectors.demand_queue(status=status, source=source)
    counts = selectors.demand_counts()
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "demand/queue.html",
        {
            "form": form,
            "items": page,
            "status": status,
            "source": source,
            "tabs": [
                (value, label, counts[value])
                for value, label in DemandItem.Status.choices
            ],
        },
    )


def _item_context(request, item, **forms):
    find = FindArticleForm(request.GET)
    query = find.cleaned_data["find"] if find.is_valid() else ""
    categories = selectors.writable_categories(request.user)
    context = {
        "item": item,
        "signals": selectors.item_signals(item),
        "wordings": selectors.item_wordings(item),
        "sites": selectors.item_sites(item),
        "find_form": find,
        "find": query,
        "candidates": (
            selectors.article_candidates(query=query)
            if query
            else selectors.suggested_articles(item)
        ),
        "write_form": WriteForm(categories=categories),
        "synonym_form": SynonymForm(initial={"term": item.label[:80]}),
        "dismiss_form": DismissForm(),
        "categories": categories,
    }
    context.update(forms)
    return context


@queue_required
@require_GET
def item_detail(request, pk):
    item = get_object_or_404(DemandItem, pk=pk)
    return TemplateResponse(request, "demand/item.html", _item_context(request, item))


@queue_required
@require_GET
def candidates(request, pk):
    """The article picker's list, as the editor types (the page's script
    swaps it in; without script the same list comes with the page)."""
    item = get_object_or_404(DemandItem, pk=pk)
    query = FindArticleForm(request.GET)
    text = query.cleaned_data["find"] if query.is_valid() else ""
    return TemplateResponse(
        request,
        "demand/includes/candidates.html",
        {
            "item": item,
            "find": text,
            "candidates": selectors.article_candidates(query=text),
        },
    )


def _invalid(request, item, **forms):
    messages.error(request, _("Please correct the form below."))
    return TemplateResponse(
        request, "demand/item.html", _item_context(request, item, **forms), status=400
    )


class AlreadyClosed(Exception):
    pass


def _open_item(request, pk) -> DemandItem:
    """The item an action is about; one closed meanwhile (another editor, the
    daily review) is not acted on twice."""
    item = get_object_or_404(DemandItem, pk=pk)
    if not item.is_open:
        messages.info(
            request,
            _("“%(question)s” was already closed (%(how)s).")
            % {"question": item.label, "how": item.get_closed_how_display()},
        )
        raise AlreadyClosed(item.pk)
    return item


def _acting(view):
    """Actions on an open item: POST only, editors only, closed items refused."""

    @queue_required
    @require_POST
    @wraps(view)
    def wrapped(request, pk):
        try:
            return view(request, pk)
        except AlreadyClosed:
            return redirect("demand:item", pk=pk)

    return wrapped


@_acting
def write(request, pk):
    item = _open_item(request, pk)
    form = WriteForm(
        request.POST, categories=selectors.writable_categories(request.user)
    )
    if not form.is_valid():
        return _invalid(request, item, write_form=form)
    page = services.demand_write(
        item=item, category=form.cleaned_data["category"], by=request.user
    )
    messages.success(
        request,
        _("Draft “%(title)s” created: publishing it closes the question.")
        % {"title": page.title},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@_acting
def synonym(request, pk):
    item = _open_item(request, pk)
    form = SynonymForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, synonym_form=form)
    try:
        added, item = services.demand_add_synonym(
            item=item,
            term=form.cleaned_data["term"],
            expansions=form.cleaned_data["expansions"],
            two_way=form.cleaned_data["two_way"],
            by=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _invalid(request, item, synonym_form=form)
    if item.is_open:
        messages.info(
            request,
            _("Synonym “%(synonym)s” saved; the question still finds no good answer.")
            % {"synonym": added},
        )
    else:
        messages.success(
            request,
            _("Synonym “%(synonym)s” saved: the question now finds “%(title)s”.")
            % {"synonym": added, "title": item.answered_by.title},
        )
    return redirect("demand:item", pk=item.pk)


@_acting
def answered(request, pk):
    from wiki.selectors.demand import live_article

    item = _open_item(request, pk)
    form = AnsweredForm(request.POST)
    page = live_article(form.cleaned_data["page"]) if form.is_valid() else None
    if page is None:
        form.add_error(None, _("Choose a published article."))
        return _invalid(request, item, answered_form=form)
    services.demand_mark_answered(item=item, page=page, by=request.user)
    messages.success(
        request,
        _("“%(question)s” is answered by “%(title)s”.")
        % {"question": item.label, "title": page.title},
    )
    return redirect("demand:queue")


@_acting
def dismiss(request, pk):
    item = _open_item(request, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, dismiss_form=form)
    services.demand_dismiss(
        item=item, by=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("“%(question)s” dismissed.") % {"question": item.label})
    return redirect("demand:queue")


@queue_required
@require_POST
def reopen(request, pk):
    item = services.demand_reopen(
        item=get_object_or_404(DemandItem, pk=pk), by=request.user
    )
    messages.success(
        request, _("“%(question)s” is open again.") % {"question": item.label}
    )
    return redirect("demand:item", pk=item.pk)
