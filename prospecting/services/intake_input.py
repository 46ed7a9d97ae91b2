"""What an intake receives, made safe: company and contact fields cleaned and
normalised (errors collected per field for the caller's message), a pasted web
address, and a bounded JSON copy of the raw submission for the timeline.
Shared by single (`intake`) and batch (`intake_batch`) intake."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .. import normalize


def _text(data: dict, key: str, limit: int) -> str:
    return normalize.clean_text(data.get(key), limit)


def clean_company(company: dict | str, errors: dict) -> dict:
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


def clean_contact(contact: dict | None, errors: dict) -> dict:
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


def clean_source_url(url: str, errors: dict) -> str:
    """A web address as people paste it: "www.example.fr/contact" is fine
    (https:// is assumed); anything that is not http(s) is refused."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url and "." in url.split("/")[0] and " " not in url:
        url = "https://" + url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        errors["source_url"] = [_("Invalid URL: “%(value)s”.") % {"value": url[:200]}]
        return ""
    return url[:500]


RAW_VALUE_LIMIT = 2000


def received_as(value, depth: int = 0):
    """A JSON copy of what was received, bounded (long texts cut, nesting
    flattened), so a hostile payload cannot bloat the timeline."""
    if depth > 3:
        return str(value)[:RAW_VALUE_LIMIT]
    if isinstance(value, dict):
        return {
            str(k)[:100]: received_as(v, depth + 1)
            for k, v in list(value.items())[:50]
            if v not in (None, "", [], {})
        }
    if isinstance(value, list | tuple):
        return [received_as(v, depth + 1) for v in value[:50]]
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)[:RAW_VALUE_LIMIT]
