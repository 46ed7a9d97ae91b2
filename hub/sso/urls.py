"""Mounted at /oidc/ (hub hosts only, see hub.middleware.HUB_ONLY_PREFIXES). The
names are mozilla-django-oidc's, which its views reverse."""

from django.urls import path

from .views import SignInCallback, SignInStart

urlpatterns = [
    path("authenticate/", SignInStart.as_view(), name="oidc_authentication_init"),
    path("callback/", SignInCallback.as_view(), name="oidc_authentication_callback"),
]
