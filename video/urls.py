from django.urls import path

from . import views

app_name = "video"
urlpatterns = [
    path("", views.room_list, name="room_list"),
    path("new/", views.room_create, name="room_create"),
    path("me/", views.personal_room, name="personal_room"),
    path("ice-servers", views.ice_servers, name="ice_servers"),
    path("recordings/<int:pk>/", views.recording_file, name="recording"),
    path("invite/<str:token>/", views.invite_open, name="invite_open"),
    path("lead/<int:lead_pk>/start/", views.lead_start, name="lead_start"),
    path("<slug:slug>/", views.room_detail, name="room"),
    path("<slug:slug>/invites/", views.room_invites, name="room_invites"),
    path(
        "<slug:slug>/invites/<int:pk>/revoke/",
        views.invite_revoke,
        name="invite_revoke",
    ),
    path("<slug:slug>/end/", views.room_end, name="room_end"),
]
