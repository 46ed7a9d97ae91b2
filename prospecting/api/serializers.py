"""What the API answers (`Lead`, the intake results, search results, `Error`)
and the request bodies it takes (query strings: `queries`). The OpenAPI schema
is generated from these classes, so each field says exactly what it accepts."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from .. import dedupe
from ..models import Lead, PipelineStage
from .fields import (
    JSONObjectField,
    MoneyField,
    OwnerField,
    StageField,
    StageKeyOutput,
    StrictIntegerField,
    StrictSerializer,
    text,
)

# --- answers -------------------------------------------------------------------


class CompanySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    domain = serializers.CharField(read_only=True)
    siren = serializers.CharField(read_only=True)
    siret = serializers.CharField(read_only=True)
    sector = serializers.CharField(read_only=True)
    region = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    postal_code = serializers.CharField(read_only=True)


class ContactSerializer(serializers.Serializer):
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)


class StageSerializer(serializers.Serializer):
    key = StageKeyOutput(read_only=True)
    label = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=PipelineStage.Kind.choices, read_only=True)


class LeadSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text="the lead's page"
    )
    company = CompanySerializer(read_only=True)
    contact = ContactSerializer(read_only=True, allow_null=True)
    source = serializers.ChoiceField(choices=Lead.Source.choices, read_only=True)
    source_url = serializers.CharField(read_only=True)
    found_by = serializers.CharField(
        source="found_by.username", read_only=True, allow_null=True
    )
    owner = serializers.CharField(
        source="owner.username", read_only=True, allow_null=True
    )
    stage = StageSerializer(read_only=True)
    estimated_value = MoneyField(read_only=True)
    probability = serializers.IntegerField(
        source="effective_probability", read_only=True, min_value=0, max_value=100
    )
    next_action = serializers.CharField(read_only=True)
    next_action_due = serializers.DateField(read_only=True, allow_null=True)
    lost_reason = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    attribution = serializers.SerializerMethodField(
        help_text="where a microsite form came from (site, page, UTM)"
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    last_activity_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.DictField())
    def get_attribution(self, lead) -> dict:
        return lead.attribution if isinstance(lead.attribution, dict) else {}


class LeadRefSerializer(StrictSerializer):
    """A lead the caller may not read: its number only."""

    id = serializers.IntegerField(read_only=True)


DuplicateOf = PolymorphicProxySerializer(
    component_name="DuplicateOf",
    serializers=[LeadSerializer, LeadRefSerializer],
    resource_type_field_name=None,
)


class IntakeCreatedSerializer(serializers.Serializer):
    created = serializers.BooleanField(read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    lead = LeadSerializer(read_only=True)
    possible_duplicates = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="ids of look-alike leads, flagged for review",
    )


class IntakeDuplicateSerializer(serializers.Serializer):
    created = serializers.BooleanField(read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    matched_on = serializers.ChoiceField(choices=dedupe.STRONG, read_only=True)
    duplicate_of = serializers.SerializerMethodField()

    @extend_schema_field(DuplicateOf)
    def get_duplicate_of(self, body):
        return body["duplicate_of"]


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)
    selected = serializers.BooleanField(read_only=True)


class FacetsSerializer(serializers.Serializer):
    stage = FacetValueSerializer(many=True, read_only=True)
    source = FacetValueSerializer(many=True, read_only=True)
    region = FacetValueSerializer(many=True, read_only=True)
    owner = FacetValueSerializer(many=True, read_only=True)


class SearchResultSerializer(serializers.Serializer):
    backend = serializers.ChoiceField(
        choices=["database", "elasticsearch"], read_only=True
    )
    count = serializers.IntegerField(read_only=True)
    results = LeadSerializer(many=True, read_only=True)
    facets = FacetsSerializer(read_only=True)


class ErrorSerializer(serializers.Serializer):
    """Every error of the API, whatever its status."""

    detail = serializers.CharField(read_only=True, help_text="a sentence to show")
    code = serializers.CharField(
        read_only=True,
        help_text="invalid, parse_error, not_authenticated, authentication_failed, "
        "permission_denied, not_found, method_not_allowed, unsupported_media_type, "
        "too_large…",
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text="400 only: messages per field; nested fields as company.siren, "
        "query parameters by name, others under non_field_errors",
    )


# --- request bodies ------------------------------------------------------------


class NewCompanySerializer(StrictSerializer):
    """The company of a new lead: at least a name or a website."""

    name = text(200)
    website = text(300)
    siren = text(20, help_text="9 digits (spaces allowed)")
    siret = text(30, help_text="14 digits (spaces allowed)")
    sector = text(120)
    region = text(120)
    address = text(255)
    city = text(120)
    postal_code = text(10)


class CompanyField(serializers.Field):
    """A company name, or an object with at least a name or a website."""

    default_error_messages = {"invalid": _("Give a company name or an object.")}

    def to_internal_value(self, data):
        if isinstance(data, str):
            name = text(200, allow_blank=False)
            return {"name": name.run_validation(data)}
        if not isinstance(data, dict):
            self.fail("invalid")
        company = NewCompanySerializer(data=data)
        company.is_valid(raise_exception=True)
        return dict(company.validated_data)


class CompanyFieldSchema(OpenApiSerializerFieldExtension):
    target_class = CompanyField

    def map_serializer_field(self, auto_schema, direction):
        company = auto_schema.resolve_serializer(NewCompanySerializer, direction)
        name = {"type": "string", "minLength": 1, "maxLength": 200}
        return {"oneOf": [name, company.ref]}


class NewContactSerializer(StrictSerializer):
    """The person to call back; `name` is split when first/last are not given."""

    first_name = text(100)
    last_name = text(100)
    name = text(200, help_text="full name, split on the first space")
    role = text(120)
    email = text(254)
    phone = text(30)


class LeadCreateSerializer(StrictSerializer):
    """A lead found by the caller (`found_by`), through `lead_intake`."""

    source = serializers.ChoiceField(choices=Lead.Source.choices, default="api")
    company = CompanyField()
    contact = NewContactSerializer(required=False, allow_null=True)
    source_url = text(
        500, default="", help_text="where the lead was found; https:// assumed"
    )
    note = text(10_000, default="")
    attribution = JSONObjectField(
        required=False,
        allow_null=True,
        help_text="where the lead came from (site, page, UTM): at most 10,000 "
        "characters as JSON",
    )
    on_duplicate = serializers.ChoiceField(
        choices=["return", "attach"],
        default="return",
        help_text="return: 409 with the existing lead; attach: add the note to it "
        "(200)",
    )


class LeadUpdateSerializer(StrictSerializer):
    """The fields of a lead a salesperson changes; only those sent change."""

    stage = StageField(required=False)
    owner = OwnerField(required=False, allow_null=True)
    estimated_value = MoneyField(required=False)
    probability = StrictIntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    next_action = text(200)
    next_action_due = serializers.DateField(required=False, allow_null=True)
    lost_reason = text(200)
    note = text(10_000)
    won_amount = MoneyField(required=False, help_text="with a move to a won stage")
