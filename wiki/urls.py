from django.urls import path  # noqa: F401 - patterns land with the module

app_name = "wiki"
urlpatterns: list = []
