"""Managers' pages: campaigns with their numbers, the audience before sending,
test send, send/pause, and the surge. Composing happens in the Wagtail admin
(a snippet with its StreamField and live preview)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub import roles
from hub.views import role_required

from . import audiences, mail, selectors, services
from .forms import AudienceForm, RebalanceForm, TestSendForm
from .hub_registrations import can_run_campaigns
from .models import Audience, Campaign

managers_only = role_required(can_run_campaigns)


def _errors_in_words(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(m for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


@managers_only
@require_GET
def campaign_list(request):
    context = {
        "campaigns": selectors.campaign_list(),
        "audiences": Audience.objects.all(),
        "admin_add_url": reverse("wagtailsnippets_campaigns_campaign:add"),
    }
    return TemplateResponse(request, "campaigns/campaign_list.html", context)


@managers_only
@require_GET
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.select_related("audience", "site"), pk=pk
    )
    count = (
        audiences.audience_count(campaign.audience.filters)
        if campaign.audience_id
        else None
    )
    context = {
        "campaign": campaign,
        "count": count,
        "status_counts": selectors.status_counts(campaign),
        "responses": selectors.response_counts(campaign),
        "revenue": selectors.campaign_revenue(campaign),
        "test_form": TestSendForm(initial={"to": request.user.email}),
        "edit_url": reverse(
            "wagtailsnippets_campaigns_campaign:edit", args=[campaign.pk]
        ),
    }
    return TemplateResponse(request, "campaigns/campaign_detail.html", context)


@managers_only
@require_GET
def campaign_preview(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    response = TemplateResponse(
        request, "campaigns/mail/message.html", mail.preview_context(campaign)
    )
    # Shown in a sandboxed frame on the campaign page; a mail is inline styles
    # and images, never scripts.
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; "
        "frame-ancestors 'self'"
    )
    return response


@managers_only
@require_POST
def campaign_test(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = TestSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid e-mail address for the test."))
    else:
        try:
            services.campaign_test_send(
                campaign=campaign, to=form.cleaned_data["to"], by=request.user
            )
            messages.success(
                request, _("Test sent to %(to)s.") % {"to": form.cleaned_data["to"]}
            )
        except ValidationError as error:
            messages.error(request, _errors_in_words(error))
    return redirect("campaigns:detail", pk=pk)


@managers_only
@require_POST
def campaign_send(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        services.campaign_send_start(campaign=campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors_in_words(error))
    else:
        messages.success(
            request, _("Sending: the worker mails them at the chosen pace.")
        )
    return redirect("campaigns:detail", pk=pk)


@managers_only
@require_POST
def campaign_pause(request, pk):
    campaign = services.campaign_pause(
        campaign=get_object_or_404(Campaign, pk=pk), by=request.user
    )
    messages.success(request, _("Paused. Send again to go on where it stopped."))
    return redirect("campaigns:detail", pk=campaign.pk)


@managers_only
@require_http_methods(["GET", "POST"])
def audience_edit(request, pk=None):
    audience = get_object_or_404(Audience, pk=pk) if pk else None
    form = AudienceForm(request.POST or None)
    if request.method == "GET" and audience:
        form = AudienceForm.for_audience(audience)
    count = None
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            try:
                saved = services.audience_save(
                    name=form.cleaned_data["name"],
                    filters=form.filters(),
                    by=request.user,
                    audience=audience,
                )
            except ValidationError as error:
                messages.error(request, _errors_in_words(error))
            else:
                messages.success(
                    request, _("Audience “%(name)s” saved.") % {"name": saved.name}
                )
                return redirect("campaigns:audience_edit", pk=saved.pk)
        count = audiences.audience_count(form.filters())
    elif audience and request.method == "GET":
        count = audiences.audience_count(audience.filters)
    context = {"form": form, "audience": audience, "count": count}
    return TemplateResponse(request, "campaigns/audience_form.html", context)


def _people():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SALES)
        .distinct()
        .order_by("first_name")
    )


@managers_only
@require_http_methods(["GET", "POST"])
def surge(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    people = _people()
    if request.method == "POST":
        form = RebalanceForm(request.POST, people=people)
        if form.is_valid():
            owner_id = form.cleaned_data["from_owner"]
            from_owner = (
                get_user_model().objects.filter(pk=owner_id).first()
                if owner_id
                else None
            )
            try:
                moved = services.surge_rebalance(
                    campaign=campaign,
                    from_owner=from_owner,
                    to_owners=list(form.cleaned_data["to_owners"]),
                    count=form.cleaned_data["count"],
                    by=request.user,
                )
                messages.success(request, _("%(n)s requests moved.") % {"n": moved})
            except ValidationError as error:
                messages.error(request, _errors_in_words(error))
        else:
            messages.error(request, _("Choose who takes the requests and how many."))
        return redirect("campaigns:surge", pk=pk)
    per_hour = selectors.requests_per_hour(campaign)
    context = {
        "campaign": campaign,
        "per_hour": per_hour,
        "chart_labels": [
            timezone.localtime(row["hour"]).strftime("%d/%m %Hh") for row in per_hour
        ],
        "chart_series": [
            {"name": _("Requests"), "values": [row["requests"] for row in per_hour]}
        ],
        "queue": selectors.unanswered_by_owner(campaign),
        "rebalance_form": RebalanceForm(people=people),
        "people": people,
    }
    return TemplateResponse(request, "campaigns/surge.html", context)
