"""Dashboards. Who sees what (prospecting/README.md): every employee sees lead
counts per channel, conversion, time in stage, the finds leaderboard and the
stale leads among those they can see; revenue (won amounts, forecast) only for
Sales and Managers."""

from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from hub.views import staff_required

from .. import search, selectors, stats
from . import filters_from


def _series(data: dict, divide: int = 1) -> list[dict]:
    return [
        {
            "name": str(stats.CHANNEL_LABELS[c]),
            "values": [round(float(v) / divide, 1) for v in values],
        }
        for c, values in data.items()
    ]


@staff_required
@require_GET
def dashboard(request):
    months = stats.month_starts(12)
    labels = [date_format(m, "N y") for m in months]
    periods = stats.period_starts()
    show_revenue = selectors.can_work_all(request.user)
    stale_count, stale = stats.stale_leads(
        selectors.lead_visible_to(request.user), before=selectors.stale_before()
    )
    context = {
        "labels": labels,
        "lead_series": _series(stats.leads_per_month(months)),
        "leads_by_channel": stats.leads_by_channel(),
        "channel_labels": stats.CHANNEL_LABELS,
        "conversion": stats.conversion_per_stage(),
        "time_in_stage": stats.time_in_stage(),
        "leaderboard_week": stats.leaderboard(periods["week"]),
        "leaderboard_month": stats.leaderboard(periods["month"]),
        "stale_count": stale_count,
        "stale": stale,
        "stale_days": selectors.stale_days(),
        "show_revenue": show_revenue,
    }
    if show_revenue:
        context.update(
            # In k€: the chart's axis has room for a few digits only.
            revenue_series=_series(stats.revenue_per_month(months), divide=1000),
            revenue_by_channel=stats.revenue_by_channel(),
            forecast=stats.forecast(),
        )
    context["conversion_series"] = [
        {"name": "%", "values": [row["rate"] for row in context["conversion"]]}
    ]
    context["conversion_labels"] = [
        str(row["stage"].label) for row in context["conversion"]
    ]
    return TemplateResponse(request, "prospecting/dashboard.html", context)


@staff_required
@require_GET
def lead_search(request):
    filters = filters_from(request)
    facet_filters = {
        k: request.GET.get(k, "") for k in search.FACETS if request.GET.get(k)
    }
    result = search.lead_search(
        user=request.user, q=filters.get("q", ""), filters=facet_filters
    )
    return TemplateResponse(
        request,
        "prospecting/search.html",
        {
            "result": result,
            "facets": _facet_labels(result.facets),
            "q": filters.get("q", ""),
            "facet_filters": facet_filters,
        },
    )


def _facet_labels(facets: dict) -> list[tuple[str, list[tuple]]]:
    """[(facet, [(value, label, count, selected)])]: keys shown as their labels."""
    from django.contrib.auth import get_user_model

    from ..models import Lead
    from ..services import stages_ensure

    usernames = [value for value, *_rest in facets.get("owner", [])]
    people = get_user_model().objects.filter(username__in=usernames)
    labels = {
        "stage": {s.key: str(s.label) for s in stages_ensure()},
        "source": {k: str(v) for k, v in Lead.Source.choices},
        "owner": {u.username: u.get_full_name() or u.username for u in people},
    }
    return [
        (
            name,
            [
                (value, labels.get(name, {}).get(value, value), count, selected)
                for value, count, selected in values
            ],
        )
        for name, values in facets.items()
    ]
