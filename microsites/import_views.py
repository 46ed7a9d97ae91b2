"""Wagtail admin: sites from a CSV (site managers only). Upload → the file is
checked at once (plain-words refusal) → a background task creates each row as a
draft while the page follows its progress → the report, line by line."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .admin_views import can_manage_sites
from .factory_forms import SiteImportForm
from .models import SiteImport
from .services.bulk import EXPECTED_HEADERS, site_import_create, site_import_status


def _managers_only(view):
    def wrapped(request, *args, **kwargs):
        if not can_manage_sites(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _own_import(request, pk) -> SiteImport:
    imports = SiteImport.objects.all()
    if not request.user.is_superuser:
        imports = imports.filter(created_by=request.user)
    return get_object_or_404(imports, pk=pk)


@_managers_only
def upload(request):
    form = SiteImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = site_import_create(
                user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("microsites_admin_import_job", job.pk)
    return TemplateResponse(
        request,
        "microsites/admin/import_upload.html",
        {
            "form": form,
            "expected": EXPECTED_HEADERS,
            "imports": SiteImport.objects.filter(created_by=request.user)[:10],
        },
        status=400 if form.errors else 200,
    )


@_managers_only
@require_GET
def job(request, pk):
    return TemplateResponse(
        request, "microsites/admin/import_job.html", {"job": _own_import(request, pk)}
    )


@_managers_only
@require_GET
def job_status(request, pk):
    return JsonResponse(site_import_status(_own_import(request, pk)))
