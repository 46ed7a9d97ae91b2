from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve as serve_static_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import task_views, views
from .accounts import ThrottledLoginView
from .registry import registry

accounts_patterns = [
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", views.account, name="account"),
    path("audit/", views.audit_log_view, name="audit_log"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]

task_patterns = [
    path("", task_views.task_list, name="task_list"),
    path("<str:task_id>/", task_views.task_detail, name="task_detail"),
    path("<str:task_id>/retry/", task_views.task_retry, name="task_retry"),
    path("daily/<str:name>/run/", task_views.job_run_now, name="job_run_now"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/", include(accounts_patterns)),
    path("oidc/", include("hub.sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notifications/", views.notification_feed, name="notification_feed"),
    path(
        "notifications/read/",
        views.notification_mark_read,
        name="notification_mark_read",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tasks/", include(task_patterns)),
]
# Each app mounts its own URLconf (hub_registrations.py): the hub names none.
urlpatterns += [
    path(mount.prefix, include(mount.urlconf)) for mount in registry.url_mounts.values()
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>.*)$",
            serve_static_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Wagtail's own front-end login (for page privacy) has no throttling: the same
# throttled view answers there, before Wagtail's pattern is reached.
urlpatterns.append(
    path("_util/login/", ThrottledLoginView.as_view(), name="wagtailcore_login")
)

# Wagtail's page serving last: the staff home, wiki and Webschool pages on the hub
# host, each microsite's own tree on its host.
urlpatterns.append(path("", include(wagtail_urls)))
