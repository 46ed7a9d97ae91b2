from django.urls import path

from . import views

app_name = "demand"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/articles/", views.candidates, name="candidates"),
    path("<int:pk>/write/", views.write, name="write"),
    path("<int:pk>/synonym/", views.synonym, name="synonym"),
    path("<int:pk>/answered/", views.answered, name="answered"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
