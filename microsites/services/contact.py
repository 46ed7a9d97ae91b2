"""Contact form submission → stored Wagtail submission + war-room lead."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.services import audit_log

# Which form field answers for an error lead_intake reports on a lead attribute.
INTAKE_ERROR_FIELDS = {
    "name": "company",
    "company": "company",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "postal_code": "postal_code",
    "city": "city",
}


@dataclass
class ContactOutcome:
    submission: object
    lead: object
    created: bool
    request: object = None  # the ContactRequest (its key names the thank-you)
    repeated: bool = False  # the same form sent again: nothing new was stored


def _mapped_values(page, cleaned_data: dict) -> tuple[dict, list[str]]:
    """Values by lead attribute, plus "Label: value" lines of unmapped fields."""
    mapped: dict[str, str] = {}
    extra: list[str] = []
    for field in page.get_form_fields():
        value = cleaned_data.get(field.clean_name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        value = "" if value is None else str(value).strip()
        if not value:
            continue
        if field.maps_to and field.maps_to not in mapped:
            mapped[field.maps_to] = value
        else:
            extra.append(f"{field.label}: {value}")
    return mapped, extra


def _lead_arguments(page, cleaned_data: dict, attribution: dict) -> dict:
    mapped, extra = _mapped_values(page, cleaned_data)
    person = mapped.get("name", "")
    company_name = mapped.get("company") or (
        _("Private customer %(name)s") % {"name": person} if person else ""
    )
    if not company_name and not mapped.get("website") and mapped.get("email"):
        company_name = _("Private customer %(name)s") % {"name": mapped["email"]}
    note_lines = [
        _("Quote request from %(site)s (page “%(page)s”).")
        % {"site": attribution.get("hostname", ""), "page": page.title}
    ]
    if mapped.get("message"):
        note_lines.append(mapped["message"])
    note_lines.extend(extra)
    return {
        "source": "website",
        "company": {
            "name": company_name,
            "website": mapped.get("website", ""),
            "city": mapped.get("city", ""),
            "postal_code": mapped.get("postal_code", ""),
        },
        "contact": {
            "name": person,
            "email": mapped.get("email", ""),
            "phone": mapped.get("phone", ""),
        },
        "source_url": attribution.get("page_url", ""),
        "note": "\n\n".join(note_lines),
        "attribution": attribution,
        "on_duplicate": "attach",
    }


def _form_errors(page, error: ValidationError) -> ValidationError:
    """Re-key lead_intake's per-attribute errors onto this page's form fields."""
    by_attribute = {f.maps_to: f.clean_name for f in page.get_form_fields()}
    errors: dict[str, list[str]] = {}
    if not hasattr(error, "error_dict"):
        return ValidationError({NON_FIELD_ERRORS: error.messages})
    for key, messages in error.message_dict.items():
        field = by_attribute.get(INTAKE_ERROR_FIELDS.get(key, ""), NON_FIELD_ERRORS)
        errors.setdefault(field, []).extend(messages)
    return ValidationError(errors)


@transaction.atomic
def contact_submission_process(
    *, page, form, attribution: dict, key: str = ""
) -> ContactOutcome:
    """Store the submission and create (or attach to) the lead, all or nothing;
    once per `key` (the form's idempotency key): the same form sent twice — a
    double click, a refresh — returns the first outcome and stores nothing.

    Raises ValidationError keyed by the form's own field names when the war room
    refuses the data (e.g. an unparsable phone number), so the view shows the
    error next to the field and keeps everything the visitor typed.
    """
    from prospecting.services import lead_intake

    from ..models import ContactRequest

    key = key or uuid.uuid4().hex
    # The unique key row first: a concurrent second POST waits on it, then
    # finds it (no second lead, no second submission).
    request, created = ContactRequest.objects.select_for_update().get_or_create(
        key=key, defaults={"page_id": page.pk}
    )
    if not created:
        return ContactOutcome(
            submission=request.submission,
            lead=None,
            created=request.lead_created,
            request=request,
            repeated=True,
        )
    try:
        result = lead_intake(
            **_lead_arguments(page, form.cleaned_data, attribution),
            raw=_as_typed(page, form.cleaned_data),
        )
    except ValidationError as error:
        raise _form_errors(page, error) from error
    submission = page.process_form_submission(form)
    request.submission = submission
    request.lead_id = result.lead.pk if result.lead else None
    request.lead_created = result.created
    request.save(update_fields=["submission", "lead_id", "lead_created"])
    audit_log(
        actor=None,
        action="microsites.contact_submission",
        target=submission,
        changes={
            "lead": result.lead.pk if result.lead else None,
            "lead_created": result.created,
            "site": attribution.get("hostname", ""),
            "page": page.pk,
        },
    )
    return ContactOutcome(
        submission=submission, lead=result.lead, created=result.created, request=request
    )


def _as_typed(page, cleaned_data: dict) -> dict:
    """The form as the visitor filled it, by the editor's labels."""
    values = {}
    for field in page.get_form_fields():
        value = cleaned_data.get(field.clean_name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, ""):
            values[field.label] = str(value)
    return values
