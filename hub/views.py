from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import health, roles, selectors, services
from .forms import ApiTokenForm
from .models import ApiToken
from .registry import registry


def render_dashboard(request, page):
    panels = [
        {"panel": panel, "data": panel.context(request)}
        for panel in registry.panels_for(request.user)
    ]
    return TemplateResponse(
        request, "hub/hub_home_page.html", {"page": page, "panels": panels}
    )


@never_cache
@require_GET
async def healthz(request):
    report = await health.run_all()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def staff_required(view):
    """Login, then the Staff role (every employee); others get 403."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@never_cache
@login_required
@require_GET
def notification_feed(request):
    items = [
        {
            "id": n.pk,
            "verb": n.verb,
            "target_label": n.target_label,
            "target_url": n.target_url,
            "actor": n.actor.get_full_name() or n.actor.username if n.actor else "",
            "created_at": n.created_at.isoformat(),
            "read": n.read_at is not None,
        }
        for n in selectors.notification_list(user=request.user)
    ]
    return JsonResponse(
        {
            "unread": selectors.unread_notification_count(request.user),
            "items": items,
        }
    )


@login_required
@require_POST
def notification_mark_read(request):
    ids = request.POST.getlist("id")
    try:
        ids = [int(i) for i in ids] or None
    except ValueError:
        return JsonResponse({"error": _("Invalid notification id.")}, status=400)
    count = services.notifications_mark_read(user=request.user, ids=ids)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"marked": count})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"  # never bounce to another site (open redirect)
    return redirect(next_url)


@login_required
def account(request):
    """The user's own page: profile, password link, API tokens."""
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
        messages.success(request, _("Token created. Copy it now: it is shown once."))
        form = ApiTokenForm()
    return TemplateResponse(
        request,
        "hub/account.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("account")


@login_required
@require_GET
def audit_log_view(request):
    """Who did what, when — for superusers (the company's administrators)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    from django.core.paginator import Paginator

    action = request.GET.get("action", "")[:64]
    actor = request.GET.get("actor", "")[:150]
    entries = selectors.audit_entry_list(action_prefix=action)
    if actor:
        entries = entries.filter(actor__username=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "hub/audit_log.html",
        {"page_obj": page, "action": action, "actor": actor},
    )
