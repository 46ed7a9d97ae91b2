from django.urls import path

from . import staff_views

app_name = "microsites"
urlpatterns = [
    path("", staff_views.site_list, name="site_list"),
    path("<int:pk>/", staff_views.site_detail, name="site_detail"),
]
