"""JSON API `/api/leads/`: list, search, create (through `lead_intake`), update.

Auth: the session (browser, CSRF enforced by DRF) or a personal token
(`Authorization: Bearer hub_…`, read-only tokens may only GET). Same visibility
rules as the HTML pages. A create that matches an existing lead answers 409 with
that lead, unless `on_duplicate` is "attach". Documented in `api_schema.py`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from hub import roles
from hub.authentication import ApiTokenAuthentication, TokenScopePermission

from . import search, selectors, services
from .models import Lead, PipelineStage


class IsStaffMember(permissions.BasePermission):
    message = _("The war room is for employees.")

    def has_permission(self, request, view):
        return roles.is_staff_member(request.user)


def _user_name(user):
    return user.username if user else None


class LeadSerializer(serializers.ModelSerializer):
    company = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField()
    found_by = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    probability = serializers.IntegerField(source="effective_probability")
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Lead
        fields = [
            "id",
            "url",
            "company",
            "contact",
            "source",
            "source_url",
            "found_by",
            "owner",
            "stage",
            "estimated_value",
            "probability",
            "next_action",
            "next_action_due",
            "lost_reason",
            "note",
            "attribution",
            "created_at",
            "updated_at",
            "last_activity_at",
        ]

    def get_company(self, lead):
        c = lead.company
        return {
            "id": c.pk,
            "name": c.name,
            "website": c.website,
            "domain": c.domain,
            "siren": c.siren,
            "siret": c.siret,
            "sector": c.sector,
            "region": c.region,
            "city": c.city,
            "postal_code": c.postal_code,
        }

    def get_contact(self, lead):
        c = lead.contact
        if c is None:
            return None
        return {
            "first_name": c.first_name,
            "last_name": c.last_name,
            "role": c.role,
            "email": c.email,
            "phone": c.phone,
        }

    def get_stage(self, lead):
        return {"key": lead.stage.key, "label": str(lead.stage.label)}

    def get_found_by(self, lead):
        return _user_name(lead.found_by)

    def get_owner(self, lead):
        return _user_name(lead.owner)


class LeadCreateSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=Lead.Source.choices, default="api")
    company = serializers.JSONField()
    contact = serializers.JSONField(required=False, allow_null=True)
    source_url = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    attribution = serializers.JSONField(required=False, allow_null=True)
    on_duplicate = serializers.ChoiceField(
        choices=["return", "attach"], default="return"
    )


class LeadUpdateSerializer(serializers.Serializer):
    stage = serializers.SlugRelatedField(
        slug_field="key", queryset=PipelineStage.objects.all(), required=False
    )
    owner = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    estimated_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    probability = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    next_action = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    next_action_due = serializers.DateField(required=False, allow_null=True)
    lost_reason = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    note = serializers.CharField(required=False, allow_blank=True)
    won_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )


class LeadApiView(GenericAPIView):
    # Token first: its WWW-Authenticate header turns "not logged in" into a 401.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [
        permissions.IsAuthenticated,
        IsStaffMember,
        TokenScopePermission,
    ]
    serializer_class = LeadSerializer


def _validation_error(error: ValidationError):
    if hasattr(error, "message_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


class LeadListCreate(LeadApiView):
    def get(self, request):
        filters = {
            k: request.query_params.get(k, "")
            for k in ("q", "stage", "source", "region", "owner", "mine", "stale")
            if request.query_params.get(k)
        }
        sort = request.query_params.get("sort", "-created")
        queryset = selectors.lead_list(user=request.user, filters=filters, sort=sort)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(LeadSerializer(page, many=True).data)

    def post(self, request):
        incoming = LeadCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            result = services.lead_intake(
                source=data["source"],
                company=data["company"],
                contact=data.get("contact"),
                found_by=request.user,
                source_url=data["source_url"],
                note=data["note"],
                attribution=data.get("attribution"),
                on_duplicate=data["on_duplicate"],
            )
        except ValidationError as error:
            raise _validation_error(error) from error
        body = {"created": result.created, "warnings": result.warnings}
        if result.duplicate_of is not None:
            body["matched_on"] = result.matched_on
            body["duplicate_of"] = self._visible(request.user, result.duplicate_of)
            code = status.HTTP_409_CONFLICT if data["on_duplicate"] == "return" else 200
            return Response(body, status=code)
        body["lead"] = LeadSerializer(result.lead).data
        return Response(body, status=status.HTTP_201_CREATED)

    @staticmethod
    def _visible(user, lead):
        """The full duplicate for who may see it, its number only otherwise."""
        if selectors.can_work_all(user) or lead.found_by_id == user.pk:
            return LeadSerializer(lead).data
        return {"id": lead.pk}


class LeadDetail(LeadApiView):
    def _lead(self, request, pk):
        try:
            return selectors.lead_get_for_user(user=request.user, pk=pk)
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied from error
        except Http404 as error:
            raise exceptions.NotFound from error

    def get(self, request, pk):
        return Response(LeadSerializer(self._lead(request, pk)).data)

    def patch(self, request, pk):
        lead = self._lead(request, pk)
        if not selectors.lead_can_work(request.user, lead):
            raise exceptions.PermissionDenied(
                _("Only Sales and Managers change leads.")
            )
        incoming = LeadUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        stage = data.pop("stage", None)
        won_amount = data.pop("won_amount", None)
        try:
            if data:
                services.lead_update(lead=lead, by=request.user, **data)
            if stage is not None:
                services.lead_move_stage(
                    lead=lead, stage=stage, by=request.user, won_amount=won_amount
                )
        except ValidationError as error:
            raise _validation_error(error) from error
        lead = selectors.lead_get_for_user(user=request.user, pk=pk)
        return Response(LeadSerializer(lead).data)


class LeadSearch(LeadApiView):
    def get(self, request):
        facets = {
            k: request.query_params.get(k)
            for k in search.FACETS
            if request.query_params.get(k)
        }
        result = search.lead_search(
            user=request.user, q=request.query_params.get("q", ""), filters=facets
        )
        return Response(
            {
                "backend": result.backend,
                "count": result.total,
                "results": LeadSerializer(result.leads, many=True).data,
                "facets": {
                    name: [
                        {"value": v, "count": c, "selected": s} for v, c, s in values
                    ]
                    for name, values in result.facets.items()
                },
            }
        )
