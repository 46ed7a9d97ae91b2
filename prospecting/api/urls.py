from django.urls import path, re_path

from . import schema, views

urlpatterns = [
    path("leads/", views.LeadListCreate.as_view(), name="api_leads"),
    path("leads/search/", views.LeadSearch.as_view(), name="api_leads_search"),
    path("leads/<int:pk>/", views.LeadDetail.as_view(), name="api_lead"),
    path("schema/", schema.SchemaView.as_view(), name="api_schema"),
    # Last, and only for paths ending in "/": without it, APPEND_SLASH redirects.
    re_path(r"^[\s\S]*/\Z", views.NotFoundInApi.as_view(), name="api_not_found"),
]
