"""URLconf of every non-hub host (set by hub.middleware.HubOnlyRoutesMiddleware):
only the site's pages, its forms, sitemap.xml, robots.txt and media. The intranet's
routes simply do not exist here; a host without its own Site answers 404."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve as serve_static_file
from wagtail import views as wagtail_views
from wagtail.urls import serve_pattern

from . import views

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="microsites_sitemap"),
    path("robots.txt", views.robots, name="microsites_robots"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]
if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>.*)$",
            serve_static_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
urlpatterns.append(re_path(serve_pattern, views.serve_page, name="wagtail_serve"))

handler404 = "microsites.views.page_not_found"
