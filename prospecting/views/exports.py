import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hub.views import staff_required

from .. import exports, selectors
from . import filters_from


def _filename(ext: str) -> str:
    return f"war-room-{timezone.localdate():%Y%m%d}.{ext}"


@staff_required
@require_GET
def export_csv(request):
    leads = selectors.lead_list(user=request.user, filters=filters_from(request))
    response = StreamingHttpResponse(
        exports.csv_lines(leads), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@staff_required
@require_GET
def export_xlsx(request):
    leads = selectors.lead_list(user=request.user, filters=filters_from(request))
    buffer = io.BytesIO()
    exports.xlsx_write(leads, buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
