"""The API views: validate (serializers), call one selector or service, answer.

Auth: a personal token (`Authorization: Bearer hub_…`; read-only tokens may
only GET) or the browser session (CSRF enforced by DRF). A request that sends
an Authorization header is judged by it alone (hub.authentication). Same
visibility rules as the HTML pages (prospecting.selectors).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from hub import roles
from hub.authentication import ApiTokenAuthentication, TokenScopePermission

from .. import search, selectors, services
from . import errors
from .fields import MAX_ID
from .queries import LeadListQuerySerializer, SearchQuerySerializer
from .serializers import (
    IntakeCreatedSerializer,
    IntakeDuplicateSerializer,
    LeadCreateSerializer,
    LeadRefSerializer,
    LeadSerializer,
    LeadUpdateSerializer,
    SearchResultSerializer,
)


class IsStaffMember(permissions.BasePermission):
    message = _("The war room is for employees.")

    def has_permission(self, request, view):
        return roles.is_staff_member(request.user)


class HubApiMixin:
    """Who may call, how bodies are read and answered, how errors look."""

    # Token first: its WWW-Authenticate header turns "not logged in" into a 401.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [
        permissions.IsAuthenticated,
        IsStaffMember,
        TokenScopePermission,
    ]
    # JSON only (415 otherwise); DRF reads it through `request.body`, so
    # DATA_UPLOAD_MAX_MEMORY_SIZE bounds it (413, errors.TooLarge).
    parser_classes = [errors.JSONBodyParser]

    def get_exception_handler(self):
        return errors.api_exception_handler


class LeadPagination(PageNumberPagination):
    """Pages of the validated `page`/`page_size` (LeadListQuerySerializer, which
    also documents them): a page past the end is a 400, not DRF's 404."""

    def paginate(self, queryset, request, *, page: int, page_size: int):
        self.request = request
        try:
            self.page = Paginator(queryset, page_size).page(page)
        except InvalidPage as error:
            raise exceptions.ValidationError(
                {"page": [_("There is no page %(page)s.") % {"page": page}]}
            ) from error
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return []


class LeadApiView(HubApiMixin, GenericAPIView):
    renderer_classes = [JSONRenderer]
    serializer_class = LeadSerializer
    pagination_class = LeadPagination


def _query(serializer_class, request):
    """A query string as a plain dict (the last value of a repeated key): as a
    QueryDict, DRF would read `?stage=` as "no stage" (HTML form rules), where
    the schema says an empty value is not a stage."""
    return _valid(serializer_class, request.query_params.dict())


def _valid(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


class LeadListCreate(LeadApiView):
    @extend_schema(
        operation_id="listLeads",
        summary="List the leads you may see",
        parameters=[LeadListQuerySerializer],
        responses={200: LeadSerializer(many=True)} | errors.INVALID | errors.DENIED,
    )
    def get(self, request):
        """Staff see the leads they found; Sales and Managers every lead. Newest
        first unless `sort` says otherwise; 50 a page unless `page_size`."""
        query = _query(LeadListQuerySerializer, request)
        queryset = selectors.lead_list(
            user=request.user,
            filters=query.filters(),
            sort=query.validated_data["sort"],
        )
        page = self.paginator.paginate(
            queryset,
            request,
            page=query.validated_data["page"],
            page_size=query.validated_data["page_size"],
        )
        return self.get_paginated_response(LeadSerializer(page, many=True).data)

    @extend_schema(
        operation_id="createLead",
        summary="Log a lead (deduplicated)",
        request=LeadCreateSerializer,
        responses={
            201: OpenApiResponse(IntakeCreatedSerializer, description="created"),
            200: OpenApiResponse(
                IntakeDuplicateSerializer,
                description="on_duplicate=attach: added to the existing lead",
            ),
            409: OpenApiResponse(
                IntakeDuplicateSerializer,
                description="duplicate: the existing lead (its number only when "
                "you may not read it)",
            ),
        }
        | errors.INVALID
        | errors.DENIED
        | errors.BODY,
    )
    def post(self, request):
        """The same intake as every other channel (`lead_intake`): normalised
        and deduplicated. A lead of the same customer (same SIREN, e-mail or
        phone) is a 409 with that lead, unless `on_duplicate` is `attach`."""
        data = _valid(LeadCreateSerializer, request.data).validated_data
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
            raise errors.from_service(error) from error
        if result.duplicate_of is not None:
            body = {
                "created": False,
                "warnings": result.warnings,
                "matched_on": result.matched_on,
                "duplicate_of": self._visible(request.user, result.duplicate_of),
            }
            code = status.HTTP_409_CONFLICT if data["on_duplicate"] == "return" else 200
            return Response(IntakeDuplicateSerializer(body).data, status=code)
        body = {
            "created": result.created,
            "warnings": result.warnings,
            "lead": result.lead,
            # Look-alikes (weak signals): the lead is created and flagged.
            "possible_duplicates": result.possible_duplicates,
        }
        return Response(
            IntakeCreatedSerializer(body).data, status=status.HTTP_201_CREATED
        )

    @staticmethod
    def _visible(user, lead):
        """The full duplicate for who may see it, its number only otherwise."""
        if selectors.can_work_all(user) or lead.found_by_id == user.pk:
            return LeadSerializer(lead).data
        return LeadRefSerializer({"id": lead.pk}).data


LEAD_ID = OpenApiParameter(
    "id",  # drf-spectacular calls the URL's `pk` "id"
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="lead id",
)


class LeadDetail(LeadApiView):
    def _lead(self, request, pk):
        if not 0 < pk <= MAX_ID:
            raise exceptions.NotFound
        return selectors.lead_get_for_user(user=request.user, pk=pk)

    @extend_schema(
        operation_id="getLead",
        summary="One lead",
        parameters=[LEAD_ID],
        responses={200: LeadSerializer} | errors.DENIED | errors.MISSING,
    )
    def get(self, request, pk):
        """A lead you may see (Staff: one you found)."""
        return Response(LeadSerializer(self._lead(request, pk)).data)

    @extend_schema(
        operation_id="updateLead",
        summary="Change a lead (Sales and Managers); a move to a won stage "
        "records the deal",
        parameters=[LEAD_ID],
        request=LeadUpdateSerializer,
        responses={200: LeadSerializer}
        | errors.INVALID
        | errors.DENIED
        | errors.MISSING
        | errors.BODY,
    )
    def patch(self, request, pk):
        """Only the fields sent change. A move to a won stage records the deal
        (`won_amount`, else the estimated value)."""
        lead = self._lead(request, pk)
        if not selectors.lead_can_work(request.user, lead):
            raise exceptions.PermissionDenied(
                _("Only Sales and Managers change leads.")
            )
        data = dict(_valid(LeadUpdateSerializer, request.data).validated_data)
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
            raise errors.from_service(error) from error
        lead = selectors.lead_get_for_user(user=request.user, pk=pk)
        return Response(LeadSerializer(lead).data)


class LeadSearch(LeadApiView):
    @extend_schema(
        operation_id="searchLeads",
        summary="Full-text search with facets (Elasticsearch or the database)",
        parameters=[SearchQuerySerializer],
        responses={200: SearchResultSerializer} | errors.INVALID | errors.DENIED,
    )
    def get(self, request):
        """The 50 best matches among the leads you may see, with the count of
        each facet value."""
        query = _query(SearchQuerySerializer, request)
        filters = query.filters()
        result = search.lead_search(
            user=request.user, q=filters.pop("q", ""), filters=filters
        )
        body = {
            "backend": result.backend,
            "count": result.total,
            "results": result.leads,
            "facets": {
                name: [
                    {"value": v, "count": c, "selected": s}
                    for v, c, s in result.facets.get(name, [])
                ]
                for name in search.FACETS
            },
        }
        return Response(SearchResultSerializer(body).data)


class NotFoundInApi(HubApiMixin, APIView):
    """Any other path under /api/ (`/api/leads/abc/`, a typo): the API's JSON
    404, not the site's HTML page that Wagtail's catch-all would serve."""

    renderer_classes = [JSONRenderer]
    schema = None  # not an operation of the schema

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound
