"""`lead_intake`: the only way a lead is born (quick add, bookmarklet, API, CSV
import, microsite forms, video). Normalises, deduplicates, audits, broadcasts."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from .. import events, normalize, search
from ..models import Activity, Company, Contact, Lead, PipelineStage
from .stages import stage_initial

COMPANY_FIELDS = (
    "name",
    "website",
    "siren",
    "siret",
    "sector",
    "region",
    "address",
    "city",
    "postal_code",
)
CONTACT_FIELDS = ("first_name", "last_name", "name", "role", "email", "phone")
FUZZY_RATIO = 0.85


@dataclass
class IntakeResult:
    lead: Lead | None
    created: bool
    duplicate_of: Lead | None
    warnings: list[str] = field(default_factory=list)
    matched_on: str = ""


def _text(data: dict, key: str, limit: int) -> str:
    return normalize.clean_text(data.get(key), limit)


def _clean_company(company: dict | str, errors: dict) -> dict:
    if isinstance(company, str):
        company = {"name": company}
    if not isinstance(company, dict):
        errors["company"] = [_("Company must be a name or an object.")]
        return {}
    data = {
        "name": _text(company, "name", 200),
        "sector": _text(company, "sector", 120),
        "region": _text(company, "region", 120),
        "address": _text(company, "address", 255),
        "city": _text(company, "city", 120),
        "postal_code": _text(company, "postal_code", 10),
    }
    for key, func in (
        ("website", normalize.normalize_website),
        ("siren", normalize.normalize_siren),
        ("siret", normalize.normalize_siret),
    ):
        try:
            data[key] = func(_text(company, key, 500))
        except ValidationError as error:
            errors[key] = error.messages
            data[key] = ""
    if data["siret"] and not data["siren"]:
        data["siren"] = data["siret"][:9]
    if not data["name"] and data["website"]:
        data["name"] = normalize.domain_of(data["website"])
    if not data["name"] and "website" not in errors:
        errors["name"] = [_("Give at least a company name or a website.")]
    return data


def _clean_contact(contact: dict | None, errors: dict) -> dict:
    if not contact:
        return {}
    if not isinstance(contact, dict):
        errors["contact"] = [_("Contact must be an object.")]
        return {}
    data = {
        "first_name": _text(contact, "first_name", 100),
        "last_name": _text(contact, "last_name", 100),
        "role": _text(contact, "role", 120),
    }
    if not (data["first_name"] or data["last_name"]) and contact.get("name"):
        first, _sep, last = _text(contact, "name", 200).partition(" ")
        data["first_name"], data["last_name"] = first[:100], last[:100]
    for key, func in (
        ("email", normalize.normalize_email),
        ("phone", normalize.normalize_phone),
    ):
        try:
            data[key] = func(_text(contact, key, 254))
        except ValidationError as error:
            errors[key] = error.messages
            data[key] = ""
    return data if any(data.values()) else {}


def _clean_source_url(url: str, errors: dict) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        errors["source_url"] = [_("Invalid URL: “%(value)s”.") % {"value": url[:200]}]
        return ""
    return url[:500]


def find_duplicate(
    *, siren="", email="", phone="", domain="", open_only: bool = True
) -> tuple[Lead | None, str]:
    """The oldest live lead sharing SIREN, e-mail, phone or company domain (in
    that order of confidence). With `open_only`, won and lost leads do not count:
    a customer's new request is a new lead on the same company.
    One indexed query per signal: an OR across joins would scan the whole table
    once there are 100k leads."""
    alive = Lead.objects.alive().order_by("created_at", "pk")
    if open_only:
        alive = alive.filter(stage__kind=PipelineStage.Kind.OPEN)
    checks = (
        ("siren", siren, lambda: alive.filter(company__siren=siren)),
        (
            "email",
            email,
            lambda: alive.filter(
                company__in=Contact.objects.filter(email=email).values("company")
            ),
        ),
        (
            "phone",
            phone,
            lambda: alive.filter(
                company__in=Contact.objects.filter(phone=phone).values("company")
            ),
        ),
        ("domain", domain, lambda: alive.filter(company__domain=domain)),
    )
    for name, value, query in checks:
        if value:
            lead = query().select_related("company", "contact", "stage").first()
            if lead is not None:
                return lead, name
    return None, ""


def fuzzy_warnings(name: str, exclude_lead_id=None) -> list[str]:
    key = normalize.name_key(name)
    if len(key) < 3:
        return []
    candidates = (
        Lead.objects.alive()
        .filter(company__name_key__startswith=key[:3])
        .exclude(pk=exclude_lead_id)
        .values_list("pk", "company__name", "company__name_key")[:200]
    )
    warnings = []
    for pk, other_name, other_key in candidates:
        if SequenceMatcher(None, key, other_key).ratio() >= FUZZY_RATIO:
            warnings.append(
                _("Looks like “%(name)s” (lead #%(id)s)")
                % {"name": other_name, "id": pk}
            )
            if len(warnings) == 3:
                break
    return warnings


def _matched_message(lead: Lead, matched_on: str) -> str:
    labels = {
        "siren": _("same SIREN"),
        "email": _("same e-mail"),
        "phone": _("same phone"),
        "domain": _("same company domain"),
    }
    return _("Already in the war room: “%(name)s” (lead #%(id)s, %(reason)s)") % {
        "name": lead.company.name,
        "id": lead.pk,
        "reason": labels.get(matched_on, matched_on),
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
) -> IntakeResult:
    """Create a lead, or attach the find to the existing one (see the contract in
    prospecting/README.md). Raises ValidationError with per-field messages."""
    errors: dict[str, list[str]] = {}
    if source not in Lead.Source.values:
        errors["source"] = [_("Unknown source “%(value)s”.") % {"value": source}]
    if on_duplicate not in ("attach", "return"):
        errors["on_duplicate"] = [_("on_duplicate must be “attach” or “return”.")]
    if attribution is not None and not isinstance(attribution, dict):
        errors["attribution"] = [_("Attribution must be an object.")]
    company_data = _clean_company(company, errors)
    contact_data = _clean_contact(contact, errors)
    url = _clean_source_url(source_url, errors)
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
            by=by or found_by,
            owner=owner,
            estimated_value=estimated_value,
            fuzzy=fuzzy,
            quiet=quiet,
            import_key=import_key,
        )


def _intake(*, company_data, contact_data, on_duplicate, fuzzy, **kwargs):
    domain = normalize.company_domain(
        company_data.get("website", ""), contact_data.get("email", "")
    )
    duplicate, matched_on = find_duplicate(
        siren=company_data.get("siren", ""),
        email=contact_data.get("email", ""),
        phone=contact_data.get("phone", ""),
        domain=domain,
    )
    if duplicate is not None:
        warnings = [_matched_message(duplicate, matched_on)]
        if on_duplicate == "attach":
            _attach(duplicate, company_data, contact_data, matched_on, **kwargs)
        return IntakeResult(duplicate, False, duplicate, warnings, matched_on)
    closed, _matched = find_duplicate(
        siren=company_data.get("siren", ""),
        email=contact_data.get("email", ""),
        phone=contact_data.get("phone", ""),
        domain=domain,
        open_only=False,
    )
    if closed is not None:
        warnings = [
            _("Known company: “%(name)s” had lead #%(id)s (%(stage)s)")
            % {
                "name": closed.company.name,
                "id": closed.pk,
                "stage": closed.stage.label,
            }
        ]
    else:
        warnings = fuzzy_warnings(company_data["name"]) if fuzzy else []
    lead = _create(
        company_data,
        contact_data,
        domain,
        company=closed.company if closed else None,
        **kwargs,
    )
    return IntakeResult(lead, True, None, warnings)


def _attach(lead, company_data, contact_data, matched_on, **kwargs):
    kwargs.pop("import_key", None)
    source = kwargs["source"]
    by = kwargs["by"]
    data = {
        "source": source,
        "matched_on": matched_on,
        "source_url": kwargs["source_url"],
        "company": {k: v for k, v in company_data.items() if v},
        "contact": contact_data,
        "attribution": kwargs["attribution"],
        "found_by": getattr(kwargs["found_by"], "pk", None),
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


def _contact_for(company, contact_data):
    """The company's existing contact with this e-mail/phone, else a new one."""
    if not contact_data:
        return None
    keys = {k: v for k, v in contact_data.items() if k in ("email", "phone") and v}
    if keys and not company._state.adding:
        existing = company.contacts.filter(**keys).first()
        if existing is not None:
            return existing
    contact = Contact(company=company, **contact_data)
    contact.full_clean()
    contact.save()
    return contact


def _create(company_data, contact_data, domain, *, company=None, **kwargs) -> Lead:
    if company is None:
        company = Company(**company_data, domain=domain)
        company.name_key = normalize.name_key(company.name)
        company.full_clean()
        company.save()
    contact = _contact_for(company, contact_data)
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
        estimated_value=kwargs["estimated_value"] or 0,
        created_at=now,
        updated_at=now,
        stage_changed_at=now,
        last_activity_at=now,
    )
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
