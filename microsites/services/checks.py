"""Checks of the site factory's answers, each a function of one value that
returns it cleaned or raises a ValidationError users understand. Shared by the
guided form's steps, the CSV import and `site_details_clean`."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from wagtail.models import Site

from .. import places
from ..colors import contrast_ratio
from ..models import MicrositeHomePage

HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5


def french_phone(value: str) -> str:
    """'0380123400', '+33 3 80 12 34 00' → '03 80 12 34 00'; ValidationError
    for what is not a French number."""
    from prospecting.normalize import normalize_phone

    raw = (value or "").strip()
    if not raw:
        raise ValidationError(_("Give the site's phone number."), code="required")
    message = _("“%(value)s” is not a French phone number (e.g. 03 80 12 34 00).")
    try:
        e164 = normalize_phone(raw)
    except ValidationError:
        raise ValidationError(message % {"value": raw}, code="invalid") from None
    if not e164.startswith("+33") or len(e164) != 12:
        raise ValidationError(message % {"value": raw}, code="invalid")
    national = "0" + e164[3:]
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


def clean_email(value: str) -> str:
    email = (value or "").strip().lower()
    if not email:
        raise ValidationError(_("Give the site's e-mail address."), code="required")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not an e-mail address.") % {"value": email},
            code="invalid",
        ) from None
    return email


def clean_department(value: str) -> places.Department:
    department = places.department_find(value)
    if department is None:
        raise ValidationError(
            _("“%(value)s” is not a French department (give its number or name).")
            % {"value": (value or "").strip()},
            code="invalid",
        )
    return department


def clean_postal_code(value: str, department: places.Department | None) -> str:
    code = (value or "").replace(" ", "")
    if not (len(code) == 5 and code.isdigit()):
        raise ValidationError(
            _("“%(value)s” is not a postcode: five digits, e.g. 21000.")
            % {"value": (value or "").strip()},
            code="invalid",
        )
    if department and places.department_of_postcode(code) != department.code:
        raise ValidationError(
            _("The postcode %(code)s is not in %(department)s.")
            % {"code": code, "department": department},
            code="department",
        )
    return code


def clean_color(value: str, default: str) -> str:
    value = (value or "").strip() or default
    if not HEX_COLOR.match(value):
        raise ValidationError(
            _("Use a colour like #1f5f8b (# and six hex digits)."), code="invalid"
        )
    if contrast_ratio(value, "#ffffff") < MIN_CONTRAST:
        raise ValidationError(
            _("White text on %(color)s is hard to read: choose a darker colour.")
            % {"color": value},
            code="contrast",
        )
    return value.lower()


def clean_template(template) -> Site:
    if template is None:
        raise ValidationError(_("Choose the site to start from."), code="required")
    if not isinstance(template, Site) or not isinstance(
        template.root_page.specific, MicrositeHomePage
    ):
        raise ValidationError(_("The template must be a microsite."), code="invalid")
    return template
