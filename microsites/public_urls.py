"""URLconf of every non-hub host (set by hub.middleware.HubOnlyRoutesMiddleware):
only the site's pages, its forms, sitemap.xml, robots.txt and media. The intranet's
routes simply do not exist here; a host without its own Site answers 404."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve as serve_static_file
from wagtail import views as wagtail_views
from wagtail.urls import serve_pattern

from . import icon_views, question_views, views

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="microsites_sitemap"),
    path("robots.txt", views.robots, name="microsites_robots"),
    path("favicon.ico", icon_views.favicon, name="microsites_favicon"),
    path("icon-<int:size>.png", icon_views.app_icon, name="microsites_app_icon"),
    path("manifest.webmanifest", icon_views.web_manifest, name="microsites_manifest"),
    path("_stats/view/", views.stats_beacon, name="microsites_stats_beacon"),
    # The question box (answers from the encyclopédie's public articles).
    path("questions/", question_views.question_answer, name="microsites_questions"),
    path("questions/avis/", question_views.question_vote, name="microsites_vote"),
    path(
        "questions/rappel/",
        question_views.question_callback,
        name="microsites_callback",
    ),
    path(
        "questions/rappel/merci/",
        question_views.question_callback_thanks,
        name="microsites_callback_thanks",
    ),
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
handler500 = "microsites.views.server_error"
