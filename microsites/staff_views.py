"""Staff pages on the hub host: the list of microsites (/sites/) and one site's
pages (/sites/<id>/), each with visits → quotes → won over a period (30 days
by default). Won amounts are revenue: shown to Sales and Managers only, as in
the war room's dashboard."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hub import roles
from hub.views import staff_required

from . import selectors

PERIODS = (7, 30, 90, 365)


def lead_counts() -> dict[int, int]:
    from prospecting.selectors import lead_counts_by_site

    return lead_counts_by_site()


def _period(request) -> tuple[int, object, object]:
    days = request.GET.get("days", "")
    days = int(days) if days.isdigit() and int(days) in PERIODS else 30
    end = timezone.localdate()
    return days, end - timedelta(days=days - 1), end


def _can_manage(user) -> bool:
    return user.is_superuser or roles.is_editor(user)


@staff_required
@require_GET
def site_list(request):
    days, start, end = _period(request)
    funnel = {row["site_id"]: row for row in selectors.funnel_by_site(start, end)}
    rows = [
        {**row, "funnel": funnel.get(row["site"].pk)}
        for row in selectors.microsite_overview(lead_counts())
    ]
    return TemplateResponse(
        request,
        "microsites/site_list.html",
        {
            "rows": rows,
            "total_leads": sum(row["leads"] for row in rows),
            "can_create": _can_manage(request.user),
            "show_revenue": roles.is_sales(request.user),
            "days": days,
            "periods": PERIODS,
        },
    )


@staff_required
@require_GET
def site_detail(request, pk):
    site = get_object_or_404(
        selectors.microsite_sites().select_related("root_page"), pk=pk
    )
    days, start, end = _period(request)
    return TemplateResponse(
        request,
        "microsites/site_detail.html",
        {
            "site": site,
            "rows": selectors.funnel_by_page(site, start, end),
            "show_revenue": roles.is_sales(request.user),
            "can_create": _can_manage(request.user),
            "days": days,
            "periods": PERIODS,
        },
    )
