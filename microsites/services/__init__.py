"""Writes of the microsites app (HackSoft style): the contact form → lead join and
the site factory."""

from .contact import ContactOutcome, contact_submission_process
from .factory import microsite_create, validate_hostname

__all__ = [
    "ContactOutcome",
    "contact_submission_process",
    "microsite_create",
    "validate_hostname",
]
