"""`lead_intake`: the only way a lead is born (quick add, bookmarklet, API, CSV
import, microsite forms, video). Normalises, deduplicates, audits, broadcasts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import dedupe, events, normalize, search
from ..attribution import stamp as stamp_attribution
from ..models import Activity, Company, Contact, DuplicateFlag, Lead
from . import notices, people, routing
from .intake_input import clean_company, clean_contact, clean_source_url, received_as
from .stages import stage_initial


@dataclass
class IntakeResult:
    lead: Lead | None
    created: bool
    duplicate_of: Lead | None
    warnings: list[str] = field(default_factory=list)
    matched_on: str = ""
    # Leads this one looks like (weak signals): flagged for review, not merged.
    possible_duplicates: list[int] = field(default_factory=list)
    look_alikes: list[Lead] = field(default_factory=list)  # when nothing was written


def _matched_message(lead: Lead, matched_on: str) -> str:
    return _("Already in the war room: “%(name)s” (lead #%(id)s, %(reason)s)") % {
        "name": lead.company.name,
        "id": lead.pk,
        "reason": dedupe.LABELS.get(matched_on, matched_on),
    }


def _possible_message(hit: dedupe.Hit, name: str) -> str:
    return _("Possible duplicate of “%(name)s” (lead #%(id)s: %(reasons)s)") % {
        "name": name,
        "id": hit.lead_id,
        "reasons": hit.reasons(),
    }


def lead_intake(
    *,
    source: str,
    company: dict | str,
    contact: dict | None = None,
    found_by=None,
    source_url: str = "",
    note: str = "",
    attribution: dict | None = None,
    on_duplicate: str = "attach",
    by=None,
    owner=None,
    estimated_value=None,
    fuzzy: bool = True,
    quiet: bool = False,
    import_key: str = "",
    raw: dict | None = None,
    on_possible_duplicate: str = "flag",
    attach_to: Lead | None = None,
) -> IntakeResult:
    """Create a lead, or attach the find to the existing one (see the contract in
    prospecting/README.md). Raises ValidationError with per-field messages.

    `raw` is the submission as the person typed it (a form's fields by label);
    by default the arguments as given. It is kept on the lead's timeline.

    Weak signals (`prospecting.dedupe`) create a lead flagged for review
    (`on_possible_duplicate="flag"`), or, with `"return"`, write nothing and
    list the look-alikes so a person chooses: `attach_to=` one of them, or
    `"flag"` to create anyway."""
    errors: dict[str, list[str]] = {}
    if source not in Lead.Source.values:
        errors["source"] = [_("Unknown source “%(value)s”.") % {"value": source}]
    if on_duplicate not in ("attach", "return"):
        errors["on_duplicate"] = [_("on_duplicate must be “attach” or “return”.")]
    if on_possible_duplicate not in ("flag", "return"):
        errors["on_possible_duplicate"] = [
            _("on_possible_duplicate must be “flag” or “return”.")
        ]
    if attribution is not None and not isinstance(attribution, dict):
        errors["attribution"] = [_("Attribution must be an object.")]
    company_data = clean_company(company, errors)
    contact_data = clean_contact(contact, errors)
    url = clean_source_url(source_url, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _intake(
            source=source,
            company_data=company_data,
            contact_data=contact_data,
            found_by=found_by,
            source_url=url,
            note=str(note or "")[:10_000],
            attribution=attribution or {},
            on_duplicate=on_duplicate,
            on_possible_duplicate=on_possible_duplicate,
            attach_to=attach_to,
            by=by or found_by,
            owner=owner,
            estimated_value=estimated_value,
            fuzzy=fuzzy,
            quiet=quiet,
            import_key=import_key,
            raw=received_as(
                raw
                if raw is not None
                else {
                    "company": company,
                    "contact": contact,
                    "note": note,
                    "source_url": source_url,
                }
            ),
        )


def _intake(
    *,
    company_data,
    contact_data,
    on_duplicate,
    on_possible_duplicate,
    attach_to,
    fuzzy,
    raw,
    **kwargs,
):
    identity = dedupe.Identity.of(company_data, contact_data)
    signals = dedupe.duplicate_signals([identity], loose_names=fuzzy)[0]
    if attach_to is not None:  # a person chose the lead: as strong as a SIREN
        signals.strong = dedupe.Hit(
            attach_to.pk, attach_to.company_id, True, ["chosen"]
        )
        on_duplicate = "attach"
    if signals.weak and signals.strong is None and on_possible_duplicate == "return":
        return _look_alikes(signals.weak)
    if signals.strong is not None:
        duplicate = Lead.objects.select_related("company", "contact", "stage").get(
            pk=signals.strong.lead_id
        )
        matched_on = signals.strong.signals[0]
        warnings = [_matched_message(duplicate, matched_on)]
        if on_duplicate == "attach":
            _attach(duplicate, company_data, contact_data, matched_on, raw, **kwargs)
            if kwargs["source"] == "website":
                if duplicate.owner_id is None:  # nobody behind it yet: route it
                    routing.lead_route(
                        lead=duplicate,
                        callback_hours=kwargs["attribution"].get("callback_hours"),
                    )
                notices.web_request_notify(lead=duplicate, created=False)
        return IntakeResult(duplicate, False, duplicate, warnings, matched_on)
    closed = None
    warnings = []
    if signals.closed is not None:
        closed = Lead.objects.select_related("company", "stage").get(
            pk=signals.closed.lead_id
        )
        warnings.append(
            _("Known company: “%(name)s” had lead #%(id)s (%(stage)s)")
            % {
                "name": closed.company.name,
                "id": closed.pk,
                "stage": closed.stage.label,
            }
        )
    lead = _create(
        company_data,
        contact_data,
        identity.domain,
        company=closed.company if closed else None,
        raw=raw,
        **kwargs,
    )
    possible = _flag_possible_duplicates(lead, signals.weak)
    warnings.extend(possible)
    if kwargs["source"] == "website":
        if lead.owner_id is None:
            routing.lead_route(
                lead=lead, callback_hours=kwargs["attribution"].get("callback_hours")
            )
        notices.web_request_notify(lead=lead, created=True)
    elif lead.owner_id and lead.owner_id != getattr(kwargs["by"], "pk", None):
        notices.lead_assigned_notify(lead=lead, by=kwargs["by"])
    result = IntakeResult(lead, True, None, warnings)
    result.possible_duplicates = [hit.lead_id for hit in signals.weak]
    return result


def _look_alikes(hits: list[dedupe.Hit]) -> IntakeResult:
    """Nothing written: the caller asks a person which lead it is, if any."""
    leads = Lead.objects.select_related("company").in_bulk([h.lead_id for h in hits])
    result = IntakeResult(None, False, None)
    result.possible_duplicates = [h.lead_id for h in hits]
    result.warnings = [
        _possible_message(h, leads[h.lead_id].company.name) for h in hits
    ]
    result.look_alikes = [leads[h.lead_id] for h in hits]
    return result


def _flag_possible_duplicates(lead: Lead, hits: list[dedupe.Hit]) -> list[str]:
    """Flag the new lead for review against each look-alike; the warnings say so."""
    if not hits:
        return []
    names = dict(
        Lead.objects.filter(pk__in=[h.lead_id for h in hits]).values_list(
            "pk", "company__name"
        )
    )
    DuplicateFlag.objects.bulk_create(
        [DuplicateFlag(lead=lead, other_id=h.lead_id, signals=h.signals) for h in hits],
        ignore_conflicts=True,
    )
    return [_possible_message(h, names.get(h.lead_id, "")) for h in hits]


def _attach(lead, company_data, contact_data, matched_on, raw, **kwargs):
    """The same customer again: the submission goes on their lead's timeline as
    it was received, and the person writing is one of the company's contacts."""
    kwargs.pop("import_key", None)
    source = kwargs["source"]
    by = kwargs["by"]
    person = contact_for(lead.company, contact_data)
    data = {
        "source": source,
        "matched_on": matched_on,
        "source_url": kwargs["source_url"],
        "company": {k: v for k, v in company_data.items() if v},
        "contact": contact_data,
        "contact_id": person.pk if person else None,
        "attribution": kwargs["attribution"],
        "found_by": getattr(kwargs["found_by"], "pk", None),
        "raw": raw,
    }
    kind = Activity.Kind.WEB_FORM if source == "website" else Activity.Kind.NOTE
    body = kwargs["note"] or _("Found again (%(source)s).") % {
        "source": Lead.Source(source).label
    }
    from .activities import activity_log

    activity_log(
        lead=lead, kind=kind, by=by, body=body, data=data, quiet=kwargs["quiet"]
    )
    audit_log(
        actor=by,
        action="lead.attach",
        target=lead,
        changes={"source": source, "matched_on": matched_on},
    )


def contact_for(company, contact_data):
    """The company's contact who is this person (same e-mail, else same phone,
    else same name without either), else a new contact: everyone who wrote stays
    findable by name and e-mail."""
    if not contact_data:
        return None
    if not company._state.adding:
        existing = _same_person(company, contact_data)
        if existing is not None:
            _complete_contact(existing, contact_data)
            return existing
    contact = Contact(company=company, **contact_data)
    contact.full_clean()
    contact.save()
    return contact


def _same_person(company, data):
    return people.same_person(
        company.contacts.order_by("last_name", "first_name", "pk"), data
    )


def _complete_contact(contact, data) -> None:
    """Fill what the contact lacked (`people.complete`) and save those fields."""
    changed = people.complete(contact, data)
    if changed:
        contact.full_clean()
        contact.save(update_fields=changed)


def _create(company_data, contact_data, domain, *, company=None, **kwargs) -> Lead:
    if company is None:
        company = Company(**company_data, domain=domain)
        company.name_key = normalize.name_key(company.name)
        company.full_clean()
        company.save()
    contact = contact_for(company, contact_data)
    now = timezone.now()
    found_by = kwargs["found_by"]
    lead = Lead(
        company=company,
        contact=contact,
        source=kwargs["source"],
        source_url=kwargs["source_url"],
        found_by=found_by if getattr(found_by, "pk", None) else None,
        owner=kwargs["owner"],
        stage=stage_initial(),
        note=kwargs["note"],
        attribution=kwargs["attribution"],
        import_key=kwargs["import_key"],
        received=kwargs["raw"],
        estimated_value=kwargs["estimated_value"] or 0,
        created_at=now,
        updated_at=now,
        stage_changed_at=now,
        last_activity_at=now,
    )
    stamp_attribution(lead)
    lead.full_clean()
    lead.save()
    audit_log(
        actor=kwargs["by"],
        action="lead.create",
        target=lead,
        changes={"source": lead.source, "company": company.name},
    )
    if not kwargs["quiet"]:
        events.lead_event(lead, "created")
        search.index_on_commit(lead.pk)
    return lead
