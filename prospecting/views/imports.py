"""CSV import in the browser: upload → column mapping → a background task
(prospecting.services.imports) whose progress the page polls → row report."""

import itertools

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .. import imports
from ..forms import ImportMappingForm, ImportUploadForm
from ..models import ImportJob
from ..services import imports as services
from . import sales_required


@sales_required
def upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("prospecting:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    return TemplateResponse(
        request,
        "prospecting/import_upload.html",
        {"form": form, "jobs": jobs},
        status=400 if form.errors else 200,
    )


def _mapping_form(job, data=None):
    return ImportMappingForm(
        data, headers=job.headers, targets=imports.TARGETS, initial_mapping=job.mapping
    )


def _preview(job, count=5):
    rows = itertools.islice(
        imports.iter_rows(job.file.path, job.encoding, job.delimiter), count
    )
    return [[values.get(h, "") for h in job.headers] for _line, values in rows]


def _mapping_rows(job, form):
    preview = _preview(job)
    columns = [[row[i] for row in preview] for i in range(len(job.headers))]
    return list(zip(form, columns, strict=False))


@sales_required
def job_view(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    services.import_job_fail_if_file_gone(job)
    form = None
    status = 200
    if job.status == ImportJob.Status.MAPPING:
        form = _mapping_form(job, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.import_job_start(
                    job=job, mapping=form.mapping(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                return redirect("prospecting:import_job", pk=job.pk)
        elif request.method == "POST":
            status = 400
    return TemplateResponse(
        request,
        "prospecting/import_job.html",
        {
            "job": job,
            "form": form,
            "mapping_rows": _mapping_rows(job, form) if form else None,
            "targets": imports.TARGETS,
            "possible_duplicates": sum(
                1 for r in job.report if r["status"] == "imported"
            ),
        },
        status=status,
    )


@sales_required
@require_GET
def job_status(request, pk):
    """Where the background import is, for the page's progress bar."""
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    services.import_job_fail_if_file_gone(job)
    return JsonResponse(services.import_job_status(job))
