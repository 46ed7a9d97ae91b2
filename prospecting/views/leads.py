from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hub.registry import registry
from hub.views import staff_required

from .. import selectors, services
from ..forms import ActivityForm, LeadEditForm, MergeForm, MoveForm
from ..models import Lead
from . import sales_required


def _detail_context(request, lead, **forms):
    can_work = selectors.lead_can_work(request.user, lead)
    context = {
        "lead": lead,
        "timeline": selectors.lead_timeline(lead),
        "can_work": can_work,
        "can_comment": selectors.lead_can_comment(request.user, lead),
        "stale_before": selectors.stale_before(),
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "attribution": selectors.attribution_summary(lead.attribution),
        "look_alikes": selectors.open_flags_for(lead) if can_work else [],
        "undoable_merges": selectors.merges_undoable(lead=lead) if can_work else [],
        # Buttons other apps offer on a lead (a video call, …), by registration.
        "lead_actions": [
            {"label": action.label, "url": action.url(lead), "method": action.method}
            for action in registry.lead_actions_for(request.user, lead)
        ]
        if not lead.deleted_at
        else [],
    }
    if can_work:
        context.update(
            edit_form=forms.get("edit_form") or LeadEditForm(instance=lead),
            move_form=forms.get("move_form")
            or MoveForm(initial={"stage": lead.stage_id}),
            merge_form=forms.get("merge_form") or MergeForm(),
        )
    return context


@staff_required
@require_GET
def detail(request, pk):
    lead = selectors.lead_get_for_user(
        user=request.user, pk=pk, include_deleted=selectors.can_work_all(request.user)
    )
    return TemplateResponse(
        request, "prospecting/lead_detail.html", _detail_context(request, lead)
    )


@staff_required
@require_POST
def edit(request, pk):
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    if not selectors.lead_can_work(request.user, lead):
        raise PermissionDenied
    form = LeadEditForm(request.POST, instance=Lead.objects.get(pk=lead.pk))
    if not form.is_valid():
        return TemplateResponse(
            request,
            "prospecting/lead_detail.html",
            _detail_context(request, lead, edit_form=form),
            status=400,
        )
    fields = {name: form.cleaned_data[name] for name in LeadEditForm.Meta.fields}
    if fields["estimated_value"] is None:
        fields["estimated_value"] = lead.estimated_value
    services.lead_update(lead=lead, by=request.user, **fields)
    messages.success(request, _("Lead updated."))
    return redirect(lead.get_absolute_url())


@staff_required
@require_POST
def activity_add(request, pk):
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    if not selectors.lead_can_comment(request.user, lead):
        raise PermissionDenied
    form = ActivityForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "prospecting/lead_detail.html",
            _detail_context(request, lead, activity_form=form),
            status=400,
        )
    services.activity_log(
        lead=lead,
        kind=form.cleaned_data["kind"],
        by=request.user,
        body=form.cleaned_data["body"],
        duration_minutes=form.cleaned_data["duration_minutes"],
    )
    messages.success(request, _("Activity logged."))
    return redirect(lead.get_absolute_url())


@sales_required
@require_POST
def delete(request, pk):
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    services.lead_soft_delete(lead=lead, by=request.user)
    messages.success(request, _("Lead #%(id)s moved to the trash.") % {"id": lead.pk})
    return redirect("prospecting:trash")


@sales_required
@require_POST
def restore(request, pk):
    lead = selectors.lead_get_for_user(user=request.user, pk=pk, include_deleted=True)
    services.lead_restore(lead=lead, by=request.user)
    messages.success(request, _("Lead #%(id)s restored.") % {"id": lead.pk})
    return redirect(lead.get_absolute_url())


@sales_required
@require_POST
def merge(request, pk):
    """ "Merge lead #N into this one": on to the side-by-side choice of fields."""
    lead = selectors.lead_get_for_user(user=request.user, pk=pk)
    form = MergeForm(request.POST)
    other = None
    if form.is_valid():
        try:
            other = selectors.lead_get_for_user(
                user=request.user, pk=form.cleaned_data["other"]
            )
        except Http404:
            form.add_error("other", _("No live lead with this number."))
        if other is not None and other.pk == lead.pk:
            form.add_error("other", _("A lead cannot be merged into itself."))
    if form.errors:
        return TemplateResponse(
            request,
            "prospecting/lead_detail.html",
            _detail_context(request, lead, merge_form=form),
            status=400,
        )
    return redirect(
        reverse("prospecting:merge_compare") + f"?keep={lead.pk}&merged={other.pk}"
    )


@sales_required
@require_GET
def trash(request):
    leads = (
        Lead.objects.filter(deleted_at__isnull=False, merged_into__isnull=True)
        .select_related("company", "stage")
        .order_by("-deleted_at")[:200]
    )
    return TemplateResponse(request, "prospecting/trash.html", {"leads": leads})
