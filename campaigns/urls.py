from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/preview/", views.campaign_preview, name="preview"),
    path("<int:pk>/test/", views.campaign_test, name="test"),
    path("<int:pk>/send/", views.campaign_send, name="send"),
    path("<int:pk>/pause/", views.campaign_pause, name="pause"),
    path("<int:pk>/surge/", views.surge, name="surge"),
    path("audiences/new/", views.audience_edit, name="audience_new"),
    path("audiences/<int:pk>/", views.audience_edit, name="audience_edit"),
]
