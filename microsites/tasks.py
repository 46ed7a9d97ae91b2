"""The microsites' background tasks."""

from django.utils.translation import gettext_lazy as _

from hub.background import background_task, progress


@background_task(label=_("Microsite import"))
def site_import_run_task(context, import_id: int) -> dict:
    """Create the sites of an uploaded CSV as drafts, row after row."""
    from .services.bulk import site_import_run, site_import_status

    job = site_import_run(
        import_id=import_id,
        on_row=lambda done, total: progress(context, done, total),
    )
    return site_import_status(job)
