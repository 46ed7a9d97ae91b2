"""The duplicate review: the queue, two leads side by side, merge field by field,
"they are different", and undo within 30 days (Sales and Managers)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..models import DuplicateFlag, LeadMerge
from . import sales_required


@sales_required
@require_GET
def duplicates(request):
    return TemplateResponse(
        request,
        "prospecting/duplicates.html",
        {"flags": selectors.duplicate_queue()[:200], "can_work": True},
    )


def _pair(request, source):
    """(keep, merged) from ?keep=&merged= (ids of live leads), else 404."""
    try:
        keep_id, merged_id = int(source.get("keep", "")), int(source.get("merged", ""))
    except ValueError:
        raise Http404 from None
    keep = selectors.lead_get_for_user(user=request.user, pk=keep_id)
    merged = selectors.lead_get_for_user(user=request.user, pk=merged_id)
    return keep, merged


@sales_required
def merge_compare(request):
    """GET: the two leads side by side, a choice per differing field.
    POST: merge with those choices."""
    keep, merged = _pair(
        request, request.POST if request.method == "POST" else request.GET
    )
    rows = selectors.merge_rows(keep, merged)
    error = None
    if keep.pk == merged.pk:
        error = _("A lead cannot be merged into itself.")
    elif request.method == "POST":
        choices = {
            row["name"]: request.POST.get(f"choice:{row['name']}", row["default"])
            for row in rows
        }
        try:
            services.lead_merge(
                keep=keep, merged=merged, by=request.user, choices=choices
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                _("Lead #%(other)s merged into this one. You can undo it for 30 days.")
                % {"other": merged.pk},
            )
            return redirect(keep.get_absolute_url())
    return TemplateResponse(
        request,
        "prospecting/merge_compare.html",
        {
            "keep": keep,
            "merged": merged,
            "rows": rows,
            "error": error,
            "swap_url": reverse("prospecting:merge_compare")
            + f"?keep={merged.pk}&merged={keep.pk}",
            "can_work": True,
        },
        status=400 if error else 200,
    )


@sales_required
@require_POST
def duplicate_dismiss(request, pk):
    flag = get_object_or_404(DuplicateFlag, pk=pk, status=DuplicateFlag.Status.OPEN)
    services.duplicate_dismiss(flag=flag, by=request.user)
    messages.success(
        request,
        _("Marked as different: leads #%(a)s and #%(b)s stay apart.")
        % {"a": flag.lead_id, "b": flag.other_id},
    )
    return redirect("prospecting:duplicates")


@sales_required
@require_POST
def merge_undo(request, pk):
    merge = get_object_or_404(LeadMerge, pk=pk)
    try:
        restored = services.lead_merge_undo(merge=merge, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(merge.keep.get_absolute_url())
    messages.success(
        request,
        _("Merge undone: lead #%(id)s is back on its own.") % {"id": restored.pk},
    )
    return redirect(restored.get_absolute_url())
