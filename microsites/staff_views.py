"""Staff pages on the hub host: the list of microsites (/sites/)."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from hub import roles
from hub.views import staff_required

from . import selectors


def lead_counts() -> dict[int, int]:
    from prospecting.selectors import lead_counts_by_site

    return lead_counts_by_site()


@staff_required
@require_GET
def site_list(request):
    rows = selectors.microsite_overview(lead_counts())
    return TemplateResponse(
        request,
        "microsites/site_list.html",
        {
            "rows": rows,
            "total_leads": sum(row["leads"] for row in rows),
            "can_create": request.user.is_superuser or roles.is_editor(request.user),
        },
    )
