"""Writes of the microsites app (HackSoft style): the contact form → lead join,
the site factory (drafts from a template, publishing, CSV import) and the
cookieless page statistics."""

from .contact import ContactOutcome, contact_submission_process
from .drafts import (
    DraftResult,
    SiteDetails,
    SiteNotReady,
    microsite_draft_create,
    microsite_publish,
    site_details_clean,
)
from .factory import microsite_create, validate_hostname

__all__ = [
    "ContactOutcome",
    "DraftResult",
    "SiteDetails",
    "SiteNotReady",
    "contact_submission_process",
    "microsite_create",
    "microsite_draft_create",
    "microsite_publish",
    "site_details_clean",
    "validate_hostname",
]
