"""Dashboards. Who sees what (prospecting/README.md): every employee sees lead
counts per channel, site and campaign, conversion, time to first contact, time
in stage, the finds leaderboard and the stale leads among those they can see;
revenue (won amounts, pipeline, forecast) only Sales and Managers."""

from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub.views import staff_required

from .. import search, selectors, stats
from ..forms_dashboard import DashboardFilterForm
from . import filters_from


def dashboard_form(request) -> DashboardFilterForm:
    return DashboardFilterForm(request.GET)


def form_errors(form) -> list[str]:
    """Every message of an invalid filter, with the field it is about."""
    errors = []
    for name, messages in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        errors += [f"{label} : {m}" if label else m for m in messages]
    return errors


def _counts(lines) -> list[dict]:
    return [
        {"name": _("Leads"), "values": [line.leads for line in lines]},
        {"name": _("Won leads"), "values": [line.won_leads for line in lines]},
    ]


def _money(lines) -> list[dict]:
    return [
        {"name": _("Won revenue"), "values": [float(x.revenue) for x in lines]},
        {"name": _("Weighted pipeline"), "values": [float(x.weighted) for x in lines]},
    ]


def _by_channel(series: dict) -> list[dict]:
    return [
        {"name": str(stats.CHANNEL_LABELS[key]), "values": [float(v) for v in values]}
        for key, values in series.items()
    ]


def _charts(report, *, show_revenue: bool) -> dict:
    """Series for `{% bar_chart %}`: money for Sales and Managers, counts for
    everyone else."""
    # Sites only: the leads without one (war room, imports) have their channel.
    sites = [line for line in report.sites if line.key is not None and not line.rest][
        :8
    ]
    charts = {
        "month_labels": [date_format(m, "N y") for m in report.monthly.months],
        "channel_labels": [line.label for line in report.channels],
        "site_labels": [line.label for line in sites],
        "leads_by_month": _by_channel(report.monthly.leads),
        "channel_counts": _counts(report.channels),
        "site_counts": _counts(sites),
    }
    if show_revenue:
        charts.update(
            revenue_by_month=_by_channel(report.monthly.revenue),
            channel_money=_money(report.channels),
            site_money=_money(sites),
        )
    return charts


@staff_required
@require_GET
def dashboard(request):
    form = dashboard_form(request)
    show_revenue = selectors.can_work_all(request.user)
    context = {"form": form, "show_revenue": show_revenue}
    if not form.is_valid():
        context["errors"] = form_errors(form)
        return TemplateResponse(
            request, "prospecting/dashboard.html", context, status=400
        )
    scope = form.scope()
    report = stats.dashboard_report(scope)
    leads = scope.created()
    periods = stats.period_starts()
    links = stats.can_open_campaigns(request.user)
    stale_count, stale = stats.stale_leads(
        selectors.lead_visible_to(request.user), before=selectors.stale_before()
    )
    context.update(
        scope=scope,
        report=report,
        total=report.total,
        tables={
            t.key: stats.for_reader(t, with_revenue=show_revenue, with_links=links)
            for t in report.tables
        },
        charts=_charts(report, show_revenue=show_revenue),
        query=request.GET.urlencode(),
        conversion=stats.conversion_per_stage(leads),
        time_in_stage=stats.time_in_stage(leads),
        leaderboard_week=stats.leaderboard(periods["week"]),
        leaderboard_month=stats.leaderboard(periods["month"]),
        stale_count=stale_count,
        stale=stale,
        stale_days=selectors.stale_days(),
    )
    if show_revenue:
        context["forecast"] = stats.forecast(leads)
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
    from ..selectors import stage_list

    usernames = [value for value, *_rest in facets.get("owner", [])]
    people = get_user_model().objects.filter(username__in=usernames)
    labels = {
        "stage": {s.key: str(s.label) for s in stage_list()},
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
