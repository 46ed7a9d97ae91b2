"""Downloads: the lead list with its filters, the dashboard's tables. Bad
filters answer 400 with the reasons in words."""

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub.views import staff_required

from .. import exports, selectors, stats
from . import filter_error_response, filter_errors, filters_from
from .dashboard import dashboard_form, form_errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _filename(stem: str, ext: str) -> str:
    return f"{stem}-{timezone.localdate():%Y%m%d}.{ext}"


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _leads(request):
    filters = filters_from(request)
    errors = filter_errors(filters)
    if errors:
        return None, filter_error_response(request, errors)
    return selectors.lead_list(user=request.user, filters=filters), None


@staff_required
@require_GET
def export_csv(request):
    leads, refused = _leads(request)
    if refused:
        return refused
    lines = exports.lead_csv_lines(
        leads, with_revenue=selectors.can_work_all(request.user)
    )
    return _attachment(
        StreamingHttpResponse(lines, content_type=CSV), _filename("war-room", "csv")
    )


@staff_required
@require_GET
def export_xlsx(request):
    leads, refused = _leads(request)
    if refused:
        return refused
    buffer = io.BytesIO()
    exports.lead_xlsx_write(
        leads, buffer, with_revenue=selectors.can_work_all(request.user)
    )
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX),
        _filename("war-room", "xlsx"),
    )


def _dashboard_tables(request):
    form = dashboard_form(request)
    if not form.is_valid():
        return None, None, filter_error_response(request, form_errors(form))
    scope = form.scope()
    report = stats.dashboard_report(scope)
    with_revenue = selectors.can_work_all(request.user)
    tables = [stats.for_reader(t, with_revenue=with_revenue) for t in report.tables]
    return scope, tables, None


@staff_required
@require_GET
def dashboard_csv(request):
    key = request.GET.get("table", "channel")
    scope, tables, refused = _dashboard_tables(request)
    if refused:
        return refused
    # The report's own tables (the per-campaign one comes from a registration).
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        return filter_error_response(
            request, [_("There is no table “%(key)s”.") % {"key": key[:40]}]
        )
    return _attachment(
        StreamingHttpResponse(exports.table_csv_lines(table), content_type=CSV),
        _filename(f"dashboard-{key.replace('_', '-')}", "csv"),
    )


@staff_required
@require_GET
def dashboard_xlsx(request):
    scope, tables, refused = _dashboard_tables(request)
    if refused:
        return refused
    period = _("%(first)s to %(last)s") % {
        "first": scope.period.first.strftime("%d/%m/%Y"),
        "last": scope.period.last.strftime("%d/%m/%Y"),
    }
    buffer = io.BytesIO()
    exports.tables_xlsx_write(tables, buffer, period_label=period)
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX),
        _filename("dashboard", "xlsx"),
    )
