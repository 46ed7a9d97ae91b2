"""CSV import in the browser: upload → column mapping → batches driven by the
page (one POST per batch, so the progress bar is real and no worker is needed)
→ row report."""

import itertools
import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import imports
from ..forms import ImportMappingForm, ImportUploadForm
from ..models import ImportJob
from . import sales_required


@sales_required
def upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = ImportJob(
            created_by=request.user, original_name=form.cleaned_data["file"].name[:255]
        )
        # Private storage (prospecting.storage), never served; the random name
        # still keeps one job's file from being mistaken for another's.
        job.file.save(
            f"import-{secrets.token_urlsafe(24)}.csv",
            form.cleaned_data["file"],
            save=False,
        )
        try:
            job.encoding, job.delimiter, job.headers = imports.sniff(job.file.path)
            job.total_rows = imports.count_rows(
                job.file.path, job.encoding, job.delimiter
            )
        except (ValidationError, UnicodeDecodeError, ValueError) as error:
            job.file.delete(save=False)
            form.add_error(
                "file",
                getattr(error, "message", None)
                or _("This file cannot be read as CSV."),
            )
        else:
            job.mapping = imports.suggest_mapping(job.headers)
            job.save()
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


def _fail_if_file_gone(job) -> None:
    """A job still waiting for its file, whose file is gone (purged, lost, not in
    a restored backup): say so instead of failing on the missing file."""
    if job.status not in (ImportJob.Status.MAPPING, ImportJob.Status.RUNNING):
        return
    if job.file and job.file.storage.exists(job.file.name):
        return
    job.status = ImportJob.Status.FAILED
    job.error = _(
        "The uploaded file is no longer available. Upload it again: rows "
        "already imported are recognised and not imported twice."
    )
    job.save(update_fields=["status", "error"])


@sales_required
def job_view(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    _fail_if_file_gone(job)
    form = None
    status = 200
    if job.status == ImportJob.Status.MAPPING:
        form = _mapping_form(job, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                job.mapping = imports.validate_mapping(job.headers, form.mapping())
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                job.status = ImportJob.Status.RUNNING
                job.save(update_fields=["mapping", "status"])
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
        },
        status=status,
    )


@sales_required
@require_POST
def job_step(request, pk):
    """Import the next batch; JSON for the progress bar, a redirect without JS."""
    with transaction.atomic():
        job = get_object_or_404(
            ImportJob.objects.select_for_update(), pk=pk, created_by=request.user
        )
        _fail_if_file_gone(job)
        if job.status == ImportJob.Status.RUNNING:
            _run_next_batch(job, request.user)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "status": job.status,
                "processed": job.processed_rows,
                "total": job.total_rows,
                "counts": job.counts,
            }
        )
    if job.status == ImportJob.Status.DONE:
        messages.success(request, _("Import finished."))
    return redirect("prospecting:import_job", pk=job.pk)


def _run_next_batch(job, user):
    rows = imports.iter_rows(job.file.path, job.encoding, job.delimiter)
    batch = list(
        itertools.islice(
            rows, job.processed_rows, job.processed_rows + imports.BATCH_SIZE
        )
    )
    report = imports.ImportReport(
        counts=job.counts or {"imported": 0, "merged": 0, "skipped": 0}
    )
    report.processed = job.processed_rows
    if batch:
        imports.run_batch(batch, job.mapping, by=user, report=report)
    job.processed_rows = report.processed
    job.counts = report.counts
    room = imports.REPORT_LIMIT - len(job.report)
    job.report = job.report + [
        {"line": r.line, "status": r.status, "reason": r.reason, "lead_id": r.lead_id}
        for r in report.rows[: max(room, 0)]
    ]
    if not batch or job.processed_rows >= job.total_rows:
        job.status = ImportJob.Status.DONE
    job.save(update_fields=["processed_rows", "counts", "report", "status"])
