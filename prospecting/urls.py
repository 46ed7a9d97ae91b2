from django.urls import path

from .views import board, dashboard, exports, imports, leads, review, routing

app_name = "prospecting"
urlpatterns = [
    path("", board.board, name="board"),
    path("list/", board.lead_list, name="list"),
    path("add/", board.quick_add, name="quick_add"),
    path("add/done/<int:pk>/", board.quick_add_done, name="quick_add_done"),
    path("bookmarklet/", board.bookmarklet, name="bookmarklet"),
    path("leads/<int:pk>/", leads.detail, name="lead"),
    path("leads/<int:pk>/card/", board.card, name="card"),
    path("leads/<int:pk>/move/", board.move, name="move"),
    path("leads/<int:pk>/edit/", leads.edit, name="edit"),
    path("leads/<int:pk>/activity/", leads.activity_add, name="activity_add"),
    path("leads/<int:pk>/delete/", leads.delete, name="delete"),
    path("leads/<int:pk>/restore/", leads.restore, name="restore"),
    path("leads/<int:pk>/merge/", leads.merge, name="merge"),
    path("trash/", leads.trash, name="trash"),
    path("duplicates/", review.duplicates, name="duplicates"),
    path(
        "duplicates/<int:pk>/dismiss/",
        review.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path("merge/", review.merge_compare, name="merge_compare"),
    path("merges/<int:pk>/undo/", review.merge_undo, name="merge_undo"),
    path("routing/", routing.routing_page, name="routing"),
    path("routing/<str:kind>/<int:pk>/", routing.routing_edit, name="routing_edit"),
    path(
        "routing/<str:kind>/<int:pk>/delete/",
        routing.routing_delete,
        name="routing_delete",
    ),
    path("import/", imports.upload, name="import"),
    path("import/<int:pk>/", imports.job_view, name="import_job"),
    path("import/<int:pk>/status/", imports.job_status, name="import_status"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/export.csv", exports.dashboard_csv, name="dashboard_csv"),
    path("dashboard/export.xlsx", exports.dashboard_xlsx, name="dashboard_xlsx"),
    path("search/", dashboard.lead_search, name="search"),
]
