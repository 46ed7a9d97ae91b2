"""One error shape for the whole API, and what turns every failure into it.

`{"detail": "...", "code": "...", "errors": {"field": ["message", ...]}}`:
`errors` holds the per-field messages of a 400 (nested fields as
`company.siren`) and is empty otherwise. Documented as the `Error` schema.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.views import exception_handler

from .serializers import ErrorSerializer


class TooLarge(exceptions.APIException):
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE (Django refuses to read it)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class JSONBodyParser(JSONParser):
    """DRF's JSON parser, with JSON nested past Python's recursion limit
    (`[[[[…`) a 400 like any other malformed body instead of a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(_("JSON nested too deeply.")) from error


def _flatten(detail, prefix="", flat=None) -> dict[str, list[str]]:
    """DRF's nested error detail as `{"company.siren": ["..."]}`; an object's
    own errors (`non_field_errors` inside `contact`) under its name."""
    flat = {} if flat is None else flat
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == "non_field_errors" and prefix:
                _flatten(value, prefix, flat)
            else:
                _flatten(value, f"{prefix}.{key}" if prefix else str(key), flat)
    elif isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        for index, value in enumerate(detail):
            _flatten(value, f"{prefix}.{index}" if prefix else str(index), flat)
    else:
        messages = detail if isinstance(detail, list) else [detail]
        key = prefix or "non_field_errors"
        flat.setdefault(key, []).extend(str(m) for m in messages)
    return flat


# The service's own messages (`lead_intake`, `lead_update`) name the nested
# field without its object: put them where the request had them.
NESTED = {
    "name": "company.name",
    "website": "company.website",
    "siren": "company.siren",
    "siret": "company.siret",
    "email": "contact.email",
    "phone": "contact.phone",
}


def from_service(error: DjangoValidationError) -> exceptions.ValidationError:
    if not hasattr(error, "message_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    return exceptions.ValidationError(
        {
            NESTED.get(key, "non_field_errors" if key == "__all__" else key): value
            for key, value in error.message_dict.items()
        }
    )


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = from_service(exc)
    elif isinstance(exc, RequestDataTooBig):
        exc = TooLarge()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "detail": str(_("Invalid input.")),
            "code": "invalid",
            "errors": _flatten(exc.detail),
        }
    else:
        codes = exc.get_codes()
        body = {
            "detail": str(exc.detail),
            "code": codes if isinstance(codes, str) else exc.default_code,
            "errors": {},
        }
    response.data = body
    return response


def _error(description):
    return OpenApiResponse(ErrorSerializer, description=description)


INVALID = {400: _error("invalid input: messages per field in `errors`")}
DENIED = {
    401: _error("no credentials, or a bad, revoked or malformed token"),
    403: _error("not an employee, a read-only token writing, not allowed, or CSRF"),
}
MISSING = {404: _error("no such lead")}
BODY = {
    413: _error("request body too large"),
    415: _error("the body must be application/json"),
}
