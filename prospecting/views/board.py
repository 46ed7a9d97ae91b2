from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hub.views import staff_required

from .. import events, selectors, services
from ..forms import QuickAddForm
from ..models import PipelineStage
from . import filter_error_response, filter_errors, filters_from


def _board_context(request, filters):
    return {
        "filters": filters,
        "origin_filters": [
            {
                "key": key,
                "label": label,
                "value": value,
                "remove": urlencode({k: v for k, v in filters.items() if k != key}),
            }
            for key, label, value in selectors.origin_filter_words(filters)
        ],
        "choices": selectors.filter_choices(request.user),
        "can_work": selectors.can_work_all(request.user),
        "stale_before": selectors.stale_before(),
        "stale_days": selectors.stale_days(),
        "query_string": urlencode(filters),
    }


@staff_required
@require_GET
def board(request):
    filters = filters_from(request)
    if errors := filter_errors(filters):
        return filter_error_response(request, errors)
    context = _board_context(request, filters)
    # Taken before the columns are read: the page's starting point for a
    # re-sync after a dropped socket (consumers.BoardConsumer).
    context["sync_cursor"] = events.cursor_from_time(timezone.now())
    context.update(
        columns=selectors.board_columns(user=request.user, filters=filters),
        quick_add=QuickAddForm(),
        reminders=selectors.reminders_for(request.user),
    )
    return TemplateResponse(request, "prospecting/board.html", context)


@staff_required
@require_GET
def lead_list(request):
    filters = filters_from(request)
    if errors := filter_errors(filters):
        return filter_error_response(request, errors)
    sort = request.GET.get("sort", "-created")
    if sort not in selectors.SORTS:
        sort = "-created"
    paginator = Paginator(
        selectors.lead_list(user=request.user, filters=filters, sort=sort), 50
    )
    page = paginator.get_page(request.GET.get("page"))
    context = _board_context(request, filters)
    context.update(page=page, sort=sort, sorts=selectors.SORTS)
    return TemplateResponse(request, "prospecting/lead_list.html", context)


@staff_required
@require_GET
def card(request, pk):
    """One board card (live updates). 204 when the lead does not match the
    board's current filters, so the browser drops it from the view."""
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    filters = filters_from(request)
    if filters:
        visible = selectors.lead_filter(
            selectors.lead_visible_to(request.user), user=request.user, filters=filters
        )
        if not visible.filter(pk=lead.pk).exists():
            return HttpResponse(status=204)
    return TemplateResponse(
        request,
        "prospecting/includes/card.html",
        {
            "lead": lead,
            "can_work": selectors.can_work_all(request.user),
            "stale_before": selectors.stale_before(),
        },
    )


@staff_required
@require_POST
def move(request, pk):
    """Drag and drop on the board (JSON), or the move form on the lead page."""
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    if not selectors.lead_can_work(request.user, lead):
        raise PermissionDenied
    stage = get_object_or_404(PipelineStage, pk=request.POST.get("stage"))
    amount = request.POST.get("won_amount") or None
    try:
        services.lead_move_stage(
            lead=lead,
            stage=stage,
            by=request.user,
            won_amount=amount,
            lost_reason=request.POST.get("lost_reason", ""),
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(lead.get_absolute_url())
    if _wants_json(request):
        return JsonResponse({"lead_id": lead.pk, "stage_id": stage.pk})
    messages.success(request, _("Moved to “%(stage)s”.") % {"stage": stage.label})
    return redirect(lead.get_absolute_url())


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@staff_required
def quick_add(request):
    """The quick-add form: on the board, and as the bookmarklet's popup window
    (prefilled from ?url=&title=&selection=)."""
    popup = request.GET.get("popup") == "1" or request.POST.get("popup") == "1"
    if request.method == "POST":
        return _quick_add_post(request, popup)
    initial = {
        "company": request.GET.get("title", "")[:200],
        "source_url": request.GET.get("url", "")[:500],
        "note": request.GET.get("selection", "")[:2000],
    }
    return _render_quick_add(request, QuickAddForm(initial=initial), popup)


def _render_quick_add(request, form, popup, duplicate=None, status=200):
    return TemplateResponse(
        request,
        "prospecting/quick_add.html",
        {"form": form, "popup": popup, "duplicate": duplicate},
        status=status,
    )


def _quick_add_post(request, popup):
    form = QuickAddForm(request.POST)
    if not form.is_valid():
        return _render_quick_add(request, form, popup, status=400)
    attach = request.POST.get("attach") == "1"
    # A look-alike the finder chose (one of those offered), or "it is another
    # company" (create, flagged for review).
    chosen = _chosen_look_alike(request)
    create_anyway = request.POST.get("create") == "1"
    try:
        result = services.lead_intake(
            source="war_room",
            found_by=request.user,
            on_duplicate="attach" if attach else "return",
            on_possible_duplicate="flag" if create_anyway else "return",
            attach_to=chosen,
            **form.intake_kwargs(),
        )
    except ValidationError as error:
        form.add_intake_errors(error)
        return _render_quick_add(request, form, popup, status=400)
    if result.lead is None and result.look_alikes:
        return _render_quick_add(request, form, popup, duplicate=result, status=409)
    if result.duplicate_of and not attach and chosen is None:
        return _render_quick_add(request, form, popup, duplicate=result, status=409)
    if result.created:
        messages.success(
            request, _("Lead #%(id)s logged. Thank you!") % {"id": result.lead.pk}
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    else:
        messages.success(
            request,
            _("Your find was added to lead #%(id)s.") % {"id": result.lead.pk},
        )
    if popup:
        return redirect(reverse("prospecting:quick_add_done", args=[result.lead.pk]))
    return redirect(result.lead.get_absolute_url())


def _chosen_look_alike(request):
    """The lead the finder picked among the look-alikes; only one they may see."""
    value = request.POST.get("attach_to", "")
    if not value.isdigit():
        return None
    return selectors.lead_visible_to(request.user).filter(pk=int(value)).first()


@staff_required
@require_GET
def quick_add_done(request, pk):
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    return TemplateResponse(request, "prospecting/quick_add_done.html", {"lead": lead})


@staff_required
@require_GET
def bookmarklet(request):
    base = request.build_absolute_uri(reverse("prospecting:quick_add"))
    return TemplateResponse(
        request, "prospecting/bookmarklet.html", {"code": bookmarklet_code(base)}
    )


def bookmarklet_code(quick_add_url: str) -> str:
    """A javascript: URL opening the prefilled quick-add popup for this page."""
    return (
        "javascript:(function(){var d=document,w=window,"
        "s=(w.getSelection?w.getSelection():d.selection.createRange().text)+'';"
        f"w.open('{quick_add_url}?popup=1&url='+encodeURIComponent(location.href)"
        "+'&title='+encodeURIComponent(d.title)+'&selection='+encodeURIComponent(s.slice(0,2000)),"
        "'warroom','width=520,height=680');})();"
    )
