"""The hub's URLs plus a view that fails, for the 500 page tests."""

from django.urls import path

from hub.urls import urlpatterns as hub_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *hub_urlpatterns]
