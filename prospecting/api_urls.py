from django.urls import path
from rest_framework.response import Response

from . import api
from .api_schema import openapi_schema


class SchemaView(api.LeadApiView):
    def get(self, request):
        return Response(openapi_schema())


urlpatterns = [
    path("leads/", api.LeadListCreate.as_view(), name="api_leads"),
    path("leads/search/", api.LeadSearch.as_view(), name="api_leads_search"),
    path("leads/<int:pk>/", api.LeadDetail.as_view(), name="api_lead"),
    path("schema/", SchemaView.as_view(), name="api_schema"),
]
