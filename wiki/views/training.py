"""The managers' side of the Webschool: the hours report, its exports and the
level certificates (plus the public check of a certificate's code)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub.spreadsheets import SheetColumn, csv_lines, new_workbook, write_sheet

from ..forms import YearForm
from ..models import LEVELS
from ..selectors.certificates import can_download_certificate, certificate_by_code
from ..selectors.training_report import training_hours_report, training_years
from ..services.certificates import certificate_issue, certificate_pdf
from .common import manager_required, staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid():
        return form.cleaned_data["year"]
    return timezone.localdate().year


@manager_required
@require_GET
def report(request):
    year = _year(request)
    data = training_hours_report(year=year)
    rows = data["rows"]
    return TemplateResponse(
        request,
        "wiki/webschool_report.html",
        {
            **data,
            "years": sorted(set(training_years()) | {year}, reverse=True),
            "chart": {
                "labels": [_short_name(row["user"]) for row in rows[:15]],
                "series": [
                    {
                        "name": str(label),
                        "values": [r["by_level"][code] for r in rows[:15]],
                    }
                    for code, label in data["levels"]
                ],
            },
        },
    )


def _short_name(user) -> str:
    """ "Claire P." so that fifteen names fit under the bars."""
    if user.first_name:
        initial = f" {user.last_name[:1]}." if user.last_name else ""
        return f"{user.first_name[:7]}{initial}"
    return user.username[:10]


def _people_sheet(data):
    columns = [
        SheetColumn(_("Employee"), "text", 28),
        SheetColumn(_("Username"), "text", 16),
        SheetColumn(_("Team"), "text", 18),
        SheetColumn(_("Year"), "int"),
    ]
    columns += [SheetColumn(str(label), "hours") for _code, label in LEVELS]
    columns += [
        SheetColumn(_("Lessons"), "int"),
        SheetColumn(_("Live classes (hours)"), "hours"),
        SheetColumn(_("Total hours"), "hours"),
        SheetColumn(_("Personal goal reached"), "percent"),
    ]
    rows = (
        [row["name"], row["user"].username, row["team"], data["year"]]
        + row["levels"]
        + [row["lessons"], row["live_hours"], row["hours"], row["goal_percent"]]
        for row in data["rows"] + data["untrained"]
    )
    return columns, rows


def _teams_sheet(data):
    columns = [
        SheetColumn(_("Team"), "text", 24),
        SheetColumn(_("People"), "int"),
        SheetColumn(_("Trained"), "int"),
        SheetColumn(_("Hours"), "hours"),
        SheetColumn(_("Goal (hours)"), "hours"),
        SheetColumn(_("Goal reached"), "percent"),
    ]
    rows = (
        [t["name"], t["people"], t["trained"], t["hours"], t["goal"], t["goal_percent"]]
        for t in data["teams"]
    )
    return columns, rows


@manager_required
@require_GET
def report_csv(request):
    year = _year(request)
    columns, rows = _people_sheet(training_hours_report(year=year))
    response = StreamingHttpResponse(
        csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="webschool-heures-{year}.csv"'
    )
    return response


@manager_required
@require_GET
def report_xlsx(request):
    year = _year(request)
    data = training_hours_report(year=year)
    workbook = new_workbook()
    write_sheet(workbook, _("People"), *_people_sheet(data))
    write_sheet(workbook, _("Teams"), *_teams_sheet(data))
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="webschool-heures-{year}.xlsx"'
    )
    workbook.save(response)
    return response


@staff_required
@require_GET
def certificate_download(request, user_id, level):
    if level not in dict(LEVELS):
        raise Http404
    owner = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if not can_download_certificate(request.user, owner):
        raise PermissionDenied
    try:
        certificate = certificate_issue(user=owner, level=level, by=request.user)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=409)
    verify_url = request.build_absolute_uri(
        reverse("wiki:certificate_verify", args=[certificate.code])
    )
    pdf = certificate_pdf(certificate=certificate, verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificat-{level}-{owner.username}.pdf"'
    )
    return response


@require_GET
def certificate_verify(request, code):
    """Anyone holding the code may check it: it shows what the PDF says."""
    certificate = certificate_by_code(code)
    return TemplateResponse(
        request,
        "wiki/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate else 404,
    )
