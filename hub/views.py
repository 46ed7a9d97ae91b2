from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import health, roles, selectors, services
from .forms import ApiTokenForm, NotificationPreferencesForm
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


@require_GET
def favicon(request):
    """The hashed static icon (cached for a year), for browsers asking the
    conventional path on pages without an icon link."""
    return redirect(static("hub/favicon.ico"))


@never_cache
@require_GET
async def healthz(request):
    report = await health.run_all()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def role_required(allowed):
    """Login, then `allowed(user)` (a role check from hub.roles or an app's own
    rule); others get 403. The one guard every role-restricted view uses."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def staff_required(view):
    """Login, then the Staff role (every employee); others get 403."""
    return role_required(roles.is_staff_member)(view)


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
    """The user's own page: profile, mail preferences, API tokens."""
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form", "token") if posted else None
    new_token = None
    form = ApiTokenForm(posted if which == "token" else None)
    mail_form = NotificationPreferencesForm(
        posted if which == "notifications" else None, user=request.user
    )
    if which == "token" and form.is_valid():
        _token, new_token = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
        messages.success(request, _("Token created. Copy it now: it is shown once."))
        form = ApiTokenForm()
    elif which == "notifications" and mail_form.is_valid():
        services.notification_preferences_save(
            user=request.user, choices=mail_form.choices()
        )
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect(reverse("account") + "#mail")
    invalid = (which == "token" and form.errors) or (
        which == "notifications" and mail_form.errors
    )
    return TemplateResponse(
        request,
        "hub/account.html",
        {
            "form": form,
            "mail_form": mail_form,
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
        status=400 if invalid else 200,
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
