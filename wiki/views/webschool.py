import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hub.spreadsheets import safe_cell

from .. import selectors, services
from ..forms import YearForm
from ..models import LessonPage
from .common import manager_required, staff_required


@staff_required
@require_POST
def lesson_done(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if request.POST.get("undo"):
        services.lesson_mark_undone(user=request.user, lesson=lesson)
        messages.info(request, _("Lesson marked as not done."))
    else:
        services.lesson_mark_done(user=request.user, lesson=lesson)
        messages.success(request, _("Well done! Lesson marked as done."))
    return redirect(lesson.get_url(request))


def _year(request) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid():
        return form.cleaned_data["year"]
    return timezone.localdate().year


@manager_required
@require_GET
def report(request):
    year = _year(request)
    data = selectors.training_hours_report(year=year)
    rows = data["rows"]
    return TemplateResponse(
        request,
        "wiki/webschool_report.html",
        {
            **data,
            "years": sorted(set(selectors.training_years()) | {year}, reverse=True),
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


@manager_required
@require_GET
def report_csv(request):
    year = _year(request)
    data = selectors.training_hours_report(year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="webschool-heures-{year}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Employee"), _("Username"), _("Year")]
        + [str(label) for _code, label in data["levels"]]
        + [_("Lessons"), _("Total hours")]
    )
    for row in data["rows"]:
        writer.writerow(
            [safe_cell(row["name"]), safe_cell(row["user"].username), year]
            + [f"{hours:.2f}".replace(".", ",") for hours in row["levels"]]
            + [row["lessons"], f"{row['hours']:.2f}".replace(".", ",")]
        )
    return response
