"""Django views of the wiki, mounted at /wiki/ before Wagtail's page serving."""

from django.urls import path

from .views import articles, live, reports, search, training, trash, webschool

app_name = "wiki"
urlpatterns = [
    path("search/", search.search, name="search"),
    path("search/autocomplete/", search.autocomplete, name="autocomplete"),
    path("search/answer/", search.answer_feedback, name="answer_feedback"),
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
        "webschool/lessons/<int:lesson_id>/quiz/start/",
        webschool.quiz_start,
        name="quiz_start",
    ),
    path(
        "webschool/lessons/<int:lesson_id>/quiz/submit/",
        webschool.quiz_submit,
        name="quiz_submit",
    ),
    path("webschool/report/", training.report, name="training_report"),
    path("webschool/report.csv", training.report_csv, name="training_report_csv"),
    path("webschool/report.xlsx", training.report_xlsx, name="training_report_xlsx"),
    path(
        "webschool/certificates/<int:user_id>/<slug:level>.pdf",
        training.certificate_download,
        name="certificate",
    ),
    path(
        "webschool/certificates/verify/<str:code>/",
        training.certificate_verify,
        name="certificate_verify",
    ),
    path("webschool/live/new/", live.live_class_new, name="live_class_new"),
    path("webschool/live/<int:class_id>/", live.live_class_detail, name="live_class"),
    path(
        "webschool/live/<int:class_id>/end/",
        live.live_class_close,
        name="live_class_end",
    ),
]
