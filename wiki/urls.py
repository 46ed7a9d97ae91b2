"""Django views of the wiki, mounted at /wiki/ before Wagtail's page serving."""

from django.urls import path

from .views import articles, reports, search, trash, webschool

app_name = "wiki"
urlpatterns = [
    path("search/", search.search, name="search"),
    path("search/autocomplete/", search.autocomplete, name="autocomplete"),
    path("recent/", reports.recent, name="recent"),
    path("recent/feed/", reports.RecentChangesFeed(), name="recent_feed"),
    path("reports/", reports.reports, name="reports"),
    path("create/", articles.create, name="create"),
    path("trash/", trash.trash_list, name="trash"),
    path("trash/<int:page_id>/restore/", trash.restore, name="trash_restore"),
    path("trash/<int:page_id>/delete/", trash.purge, name="trash_purge"),
    path("watch/<int:page_id>/", articles.watch, name="watch"),
    path("feedback/<int:page_id>/", articles.feedback, name="feedback"),
    path(
        "webschool/lessons/<int:lesson_id>/done/",
        webschool.lesson_done,
        name="lesson_done",
    ),
    path("webschool/report/", webschool.report, name="training_report"),
    path("webschool/report.csv", webschool.report_csv, name="training_report_csv"),
]
