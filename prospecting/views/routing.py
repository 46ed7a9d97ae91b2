"""/war-room/routing/: who gets the web leads (teams, rules), for Managers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub import roles
from hub.views import role_required

from ..forms_routing import RoutingRuleForm, TeamForm
from ..models import RoutingRule, Team
from ..services import routing


def _staff_manager(user) -> bool:
    return roles.is_staff_member(user) and roles.is_manager(user)


managers_only = role_required(_staff_manager)


KINDS = {"team": (Team, TeamForm), "rule": (RoutingRule, RoutingRuleForm)}


@managers_only
def routing_page(request):
    """Teams and rules; the add forms post here (`kind` says which)."""
    forms = {"team": TeamForm(prefix="team"), "rule": RoutingRuleForm(prefix="rule")}
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in KINDS:
            raise PermissionDenied
        forms[kind] = KINDS[kind][1](request.POST, prefix=kind)
        if forms[kind].is_valid():
            saved = routing.routing_save(form=forms[kind], by=request.user)
            messages.success(request, _("“%(name)s” saved.") % {"name": saved})
            return redirect("prospecting:routing")
    teams = Team.objects.prefetch_related("members").select_related("manager")
    rules = RoutingRule.objects.select_related("team", "site")
    return TemplateResponse(
        request,
        "prospecting/routing.html",
        {
            "teams": teams,
            "rules": rules,
            "team_form": forms["team"],
            "rule_form": forms["rule"],
            "can_work": True,
        },
        status=400 if any(f.errors for f in forms.values()) else 200,
    )


@managers_only
def routing_edit(request, kind, pk):
    if kind not in KINDS:
        raise PermissionDenied
    model, form_class = KINDS[kind]
    obj = get_object_or_404(model, pk=pk)
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        routing.routing_save(form=form, by=request.user)
        messages.success(request, _("“%(name)s” saved.") % {"name": obj})
        return redirect("prospecting:routing")
    return TemplateResponse(
        request,
        "prospecting/routing_edit.html",
        {"form": form, "obj": obj, "kind": kind, "can_work": True},
        status=400 if form.errors else 200,
    )


@managers_only
@require_POST
def routing_delete(request, kind, pk):
    if kind not in KINDS:
        raise PermissionDenied
    obj = get_object_or_404(KINDS[kind][0], pk=pk)
    name = str(obj)
    routing.routing_delete(obj=obj, by=request.user)
    messages.success(request, _("“%(name)s” deleted.") % {"name": name})
    return redirect("prospecting:routing")
