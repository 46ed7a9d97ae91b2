"""Benchmark-only URLconf: the hub's URLs plus the baseline view, before Wagtail's
catch-all. Only `benchmarks.settings` points here."""

from django.urls import path

from hub.urls import urlpatterns as hub_urlpatterns

from . import views

urlpatterns = [
    path("__bench__/same-bytes/", views.same_bytes, name="bench_same_bytes"),
    *hub_urlpatterns,
]
