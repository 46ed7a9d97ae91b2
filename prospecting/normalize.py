"""Pure normalisation and validation helpers shared by the intake, forms and import.

No database access here: these functions turn what a user pasted (a phone number
typed the French way, a URL with "www.", a SIRET with spaces) into the canonical
values the duplicate detection compares.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

# Mailbox providers: an address at these domains says nothing about the company.
FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fr",
        "outlook.com",
        "outlook.fr",
        "live.fr",
        "live.com",
        "yahoo.com",
        "yahoo.fr",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "laposte.net",
        "bbox.fr",
        "neuf.fr",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.fr",
        "protonmail.com",
        "proton.me",
        "example.com",
    }
)
# Hosts that are not a company's own site (a find on a directory or a social network).
NON_COMPANY_HOSTS = frozenset(
    {
        "linkedin.com",
        "facebook.com",
        "instagram.com",
        "twitter.com",
        "x.com",
        "youtube.com",
        "google.com",
        "google.fr",
        "pagesjaunes.fr",
        "societe.com",
        "pappers.fr",
        "infogreffe.fr",
        "leboncoin.fr",
    }
)
LEGAL_FORMS = {
    "sa",
    "sas",
    "sasu",
    "sarl",
    "eurl",
    "sci",
    "snc",
    "scop",
    "ets",
    "etablissements",
    "societe",
    "ste",
    "et",
    "fils",
    "cie",
    "groupe",
    "the",
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
}


def luhn_ok(digits: str) -> bool:
    """The Luhn check of a SIREN (python-stdnum's; a SIRET adds La Poste's rule)."""
    return digits.isdigit() and luhn.is_valid(digits)


def only_digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def normalize_siren(value: str) -> str:
    """'' for empty input; the 9 digits otherwise; ValidationError when invalid
    (python-stdnum's SIREN rule: 9 digits, Luhn key)."""
    digits = only_digits(value)
    if not digits:
        return ""
    if len(digits) != 9 or not stdnum_siren.is_valid(digits):
        raise ValidationError(_("Invalid SIREN: 9 digits with a valid check key."))
    return digits


def normalize_siret(value: str) -> str:
    """python-stdnum's SIRET rule (Luhn key, La Poste's establishments included)."""
    digits = only_digits(value)
    if not digits:
        return ""
    if len(digits) != 14 or not stdnum_siret.is_valid(digits):
        raise ValidationError(_("Invalid SIRET: 14 digits with a valid check key."))
    return digits


def normalize_phone(value: str) -> str:
    """E.164: French numbers typed as '05 56 12 34 56', '+33 (0)5…', '0033…'."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if re.search(r"[^\d\s().+\-/]", raw):
        raise ValidationError(_("Invalid phone number: “%(value)s”.") % {"value": raw})
    raw = raw.replace("(0)", "")
    digits = only_digits(raw)
    if raw.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif len(digits) == 10 and digits.startswith("0"):
        international = "33" + digits[1:]
    elif len(digits) == 9 and digits[0] in "123456789":
        international = "33" + digits
    else:
        raise ValidationError(_("Invalid phone number: “%(value)s”.") % {"value": raw})
    if international.startswith("330"):
        international = "33" + international[3:]
    if international.startswith("33") and len(international) != 11:
        raise ValidationError(_("Invalid phone number: “%(value)s”.") % {"value": raw})
    if not 8 <= len(international) <= 15:
        raise ValidationError(_("Invalid phone number: “%(value)s”.") % {"value": raw})
    return "+" + international


def normalize_email(value: str) -> str:
    email = (value or "").strip().lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Invalid e-mail address: “%(value)s”.") % {"value": value}
        ) from None
    return email


def normalize_website(value: str) -> str:
    url = (value or "").strip()
    if not url:
        return ""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. "http://[" (an unclosed IPv6 bracket)
        parts, host = None, ""
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or "." not in host
        or any(c.isspace() for c in url)
    ):
        raise ValidationError(_("Invalid website: “%(value)s”.") % {"value": value})
    return url[:300]


def domain_of(url: str) -> str:
    """The registrable-looking host of a URL, without 'www.'; '' if unusable."""
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().strip(".")
    except ValueError:  # e.g. "http://[" (an unclosed IPv6 bracket)
        return ""
    if host.startswith("www."):
        host = host[4:]
    if not host or "." not in host or any(c.isspace() for c in host):
        return ""
    return host


def company_domain(website: str, email: str = "") -> str:
    """Domain used for duplicate detection: the website's, else a work e-mail's."""
    domain = domain_of(website)
    if domain and not _is_generic_host(domain):
        return domain
    if email and "@" in email:
        mail_domain = email.rsplit("@", 1)[1].lower()
        if mail_domain not in FREEMAIL_DOMAINS:
            return mail_domain
    return ""


def _is_generic_host(host: str) -> bool:
    return any(host == h or host.endswith("." + h) for h in NON_COMPANY_HOSTS)


def name_key(name: str) -> str:
    """'Clôtures Martin SARL' → 'clotures martin': accents, case, legal forms out."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)[:200]


def clean_text(value, limit: int) -> str:
    return str(value or "").strip()[:limit]


def department_of(postal_code: str) -> str:
    """The French department of a postcode: '33000' → '33', '20090' → '2A',
    '20200' → '2B', '97400' → '974'; '' when it is not a French postcode."""
    digits = only_digits(postal_code)
    if len(digits) != 5:
        return ""
    if digits.startswith("20"):  # Corsica: 200xx–201xx south, 202xx–206xx north
        return "2A" if digits[2] in "01" else "2B"
    if digits.startswith("97") or digits.startswith("98"):
        return digits[:3]
    return digits[:2]
