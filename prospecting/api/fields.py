"""Serializer fields that take JSON and query strings at their word.

DRF's stock fields are lenient (a CharField takes 12, an IntegerField takes
"12" or 12.0, a BooleanField takes "yes"); the OpenAPI schema says "string",
"integer", "boolean". These fields accept what the schema says and nothing
else, so a client reading the schema and the server agree, and a value the
schema forbids answers 400 (schemathesis' negative tests hold us to it).
"""

import json
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import DEFAULT_STAGE_LABELS, PipelineStage

# Largest id a BigAutoField holds: a bigger one in a URL is simply not found
# (the database would overflow on it).
MAX_ID = 2**63 - 1


class StrictSerializer(serializers.Serializer):
    """A request body whose schema says `additionalProperties: false`: an
    unknown key is a mistake (a typo'd field would be silently ignored)."""

    default_error_messages = {"unknown": _("Unknown field.")}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = self.error_messages["unknown"]
                raise serializers.ValidationError({key: [message] for key in unknown})
        return super().to_internal_value(data)


class StrictSerializerSchema(OpenApiSerializerExtension):
    target_class = StrictSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(
            self.target, direction, bypass_extensions=True
        )
        schema["additionalProperties"] = False
        return schema


class StrictCharField(serializers.CharField):
    """A JSON string only; its length is checked before trimming, so "   x"
    past `max_length` is refused like any other over-long text."""

    def run_validation(self, data=serializers.empty):
        if data is not serializers.empty and data is not None:
            if not isinstance(data, str):
                self.fail("invalid")
            if self.max_length is not None and len(data) > self.max_length:
                self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only (not "5", 5.5, 5.0 or true)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


MONEY_PATTERN = r"^[0-9]{1,10}(\.[0-9]{1,2})?$"


class MoneyField(serializers.DecimalField):
    """An amount in euros, ≥ 0, cents at most: a JSON number or a decimal
    string ("8400.00"); answered as a string, like every DRF decimal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        if isinstance(data, str) and not re.fullmatch(MONEY_PATTERN, data):
            self.fail("invalid")
        return super().to_internal_value(data)


class MoneyFieldSchema(OpenApiSerializerFieldExtension):
    target_class = MoneyField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        as_string = {"type": "string", "format": "decimal", "pattern": MONEY_PATTERN}
        if direction == "response":
            return as_string
        number = {"type": "number", "minimum": 0, "maximum": 9_999_999_999.99}
        return {"oneOf": [number, as_string]}


class QueryIntegerField(serializers.IntegerField):
    """An integer in a query string: digits only (with an optional minus, so
    `page=-1` is told it must be at least 1)."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(r"-?[0-9]{1,40}", data):
            self.fail("invalid")
        return super().to_internal_value(data)


class QueryBooleanField(serializers.BooleanField):
    """`true` or `false` in a query string."""

    def to_internal_value(self, data):
        if data in ("true", "false"):
            return data == "true"
        self.fail("invalid", input=data)


def text(max_length, **kwargs):
    """An optional JSON string of at most `max_length` characters."""
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    return StrictCharField(max_length=max_length, **kwargs)


# --- stages: keys come from the database, and so does the schema's enum ----


class StageKeyEnum:
    """Marks a field holding a stage key: its schema enum lists the stages the
    admin configured, read when the schema is generated."""


class LookupField(serializers.SlugRelatedField):
    """A row by a text key; a JSON string only. A key no row can have (a NUL,
    which PostgreSQL refuses in a query, or past any column's length) is
    "unknown" without asking the database."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data or len(data) > 255:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data[:40])
        return super().to_internal_value(data)


class StageField(StageKeyEnum, LookupField):
    default_error_messages = {
        "does_not_exist": _("Unknown stage “{value}”."),
        "invalid": _("Give a stage key."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            slug_field="key", queryset=PipelineStage.objects.all(), **kwargs
        )


class StageKeyOutput(StageKeyEnum, serializers.CharField):
    pass


class StageKeySchema(OpenApiSerializerFieldExtension):
    target_class = StageKeyEnum
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        try:
            keys = list(PipelineStage.objects.values_list("key", flat=True))
        except DatabaseError:
            # `manage.py spectacular` or `check --deploy` before the database
            # exists: the stages its migration creates.
            keys = list(DEFAULT_STAGE_LABELS)
        component = ResolvedComponent(
            name="StageKey",
            type=ResolvedComponent.SCHEMA,
            object="StageKey",
            schema={"type": "string", "enum": keys, "description": "a stage's key"},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


@extend_schema_field({"type": "string", "maxLength": 150, "description": "username"})
class OwnerField(LookupField):
    """An active user, by username."""

    default_error_messages = {
        "does_not_exist": _("Unknown user."),
        "invalid": _("Give a username."),
    }

    def __init__(self, **kwargs):
        users = get_user_model().objects.filter(is_active=True)
        super().__init__(slug_field="username", queryset=users, **kwargs)


MAX_DEPTH = 20


def _check_json(value, field, depth=0) -> None:
    """No NUL in any key or text, and no deeper than MAX_DEPTH."""
    if depth > MAX_DEPTH:
        field.fail("too_deep", max=MAX_DEPTH)
    if isinstance(value, str) and "\x00" in value:
        field.fail("nul")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_json(key, field, depth + 1)
            _check_json(item, field, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, field, depth + 1)


class JSONObjectField(serializers.DictField):
    """A free-form JSON object (a microsite attribution), stored as given: no
    NUL anywhere in it (PostgreSQL's jsonb refuses it), not deeper than
    MAX_DEPTH, at most `max_chars` once encoded."""

    default_error_messages = {
        "nul": _("Text cannot contain the NUL character."),
        "too_deep": _("At most {max} levels of nesting."),
        "too_large": _("At most %(max)s characters once encoded."),
    }

    def __init__(self, *, max_chars=10_000, **kwargs):
        self.max_chars = max_chars
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        _check_json(value, self)
        encoded = json.dumps(value)
        if len(encoded) > self.max_chars:
            raise serializers.ValidationError(
                self.error_messages["too_large"] % {"max": self.max_chars}
            )
        return value
