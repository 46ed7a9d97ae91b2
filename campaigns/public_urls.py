from django.urls import path

from . import public_views

app_name = "campaigns_public"
urlpatterns = [
    path("c/<str:signed>/", public_views.click, name="click"),
    path("u/<str:signed>/", public_views.unsubscribe, name="unsubscribe"),
]
