"""The question box's "un expert vous rappelle" → a war-room lead carrying the
question, through the same intake as the quote form: one request per display
of the form (idempotency key, a `ContactRequest` row), `lead_intake` with the
site's attribution (routing to an owner, who is notified), the question on the
lead's timeline (its note and what was received)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.services import audit_log

# lead_intake's attribute errors → the callback form's fields
ERROR_FIELDS = {"email": "email", "phone": "phone", "name": "name"}


@dataclass
class CallbackOutcome:
    request: object  # the ContactRequest (its id names the thank-you page)
    lead: object = None
    created: bool = False
    repeated: bool = False


def _note(question, site_name: str) -> str:
    lines = [
        _("Question asked on %(site)s: “%(question)s”")
        % {"site": site_name, "question": question.text}
    ]
    if question.helpful is False and question.page is not None:
        lines.append(
            _("The answer shown (“%(title)s”) did not help; please call back.")
            % {"title": question.page.title}
        )
    else:
        lines.append(_("The website had no answer; please call back."))
    return "\n\n".join(lines)


def _errors(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return ValidationError({NON_FIELD_ERRORS: error.messages})
    errors: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        errors.setdefault(ERROR_FIELDS.get(key, NON_FIELD_ERRORS), []).extend(messages)
    return ValidationError(errors)


@transaction.atomic
def question_callback_process(
    *, question, form, attribution: dict, page, key: str = ""
) -> CallbackOutcome:
    """Create (or attach to) the lead for a callback request, once per `key`.
    Raises ValidationError keyed by the form's fields when the war room
    refuses the data (an unparsable phone number)."""
    from demand.customers import customer_question_callback
    from prospecting.services import lead_intake

    from ..models import ContactRequest

    key = key or uuid.uuid4().hex
    request, created = ContactRequest.objects.select_for_update().get_or_create(
        key=key, defaults={"page_id": page.pk}
    )
    if not created:
        return CallbackOutcome(request=request, repeated=True)
    data = form.cleaned_data
    person = data["name"]
    try:
        result = lead_intake(
            source="website",
            company={"name": _("Private customer %(name)s") % {"name": person}},
            contact={"name": person, "email": data["email"], "phone": data["phone"]},
            source_url=attribution.get("page_url", ""),
            note=_note(question, attribution.get("site_name", "")),
            attribution={**attribution, "question": question.text},
            on_duplicate="attach",
            raw={_("Question"): question.text, **form.typed()},
        )
    except ValidationError as error:
        raise _errors(error) from error
    lead = result.lead
    request.lead_id = lead.pk if lead else None
    request.lead_created = result.created
    request.save(update_fields=["lead_id", "lead_created"])
    customer_question_callback(question=question, lead_id=request.lead_id)
    audit_log(
        actor=None,
        action="microsites.question_callback",
        target=request,
        changes={
            "lead": request.lead_id,
            "lead_created": result.created,
            "site": attribution.get("hostname", ""),
            "question": question.pk,
        },
    )
    return CallbackOutcome(request=request, lead=lead, created=result.created)
