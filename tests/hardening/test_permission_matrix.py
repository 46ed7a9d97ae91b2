# ruff: noqa: E501 - the matrix is a table, one row per line
"""Permission matrix: every HTTP route (from the URL resolver) and every WebSocket
route (from hub.asgi) × every role × the methods it takes, against one table.

A route that is not in the table fails `test_every_route_is_in_the_table`, so a
new view cannot ship without someone deciding who may use it.

Roles (columns): anon = not logged in; guest = a customer who opened a video
invite (session guest pass, no account); staff = Staff only; sales = Staff+Sales;
editor = Staff+Editors; manager = Staff+Sales+Managers; admin = superuser.

Cells: status code, "login" (redirect to a login page), "302" (other redirect;
e.g. a reader following a red link to wiki/create/ lands on the wiki search).
Empty POST bodies: an allowed user gets the form back (200/400) or the action's
redirect (the JSON API: 415, it takes application/json only); a refused one
gets login/403/404. Any other path under /api/ is the API's JSON 404. The objects behind URL arguments
(conftest `world`): a lead found by another welder (so Staff gets 404 on it),
Sophie's (sales) customer-meeting room and its invite, a wiki article and lesson.

To print the current outcomes in this format (when adding a route), run with
HARDENING_DUMP=1 and -s; then check every cell by hand before pasting it.
"""

from __future__ import annotations

import os

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from .conftest import ROLES, session_cookie_headers
from .matrix import (
    Sessions,
    fill,
    hub_routes,
    outcome,
    public_routes,
    request,
    rolled_back,
)

SERVE = "^((?:[\\w\\-]+/)*)$"

# fmt: off
# route [| variant]                                 method      anon  guest staff sales editor manager admin
HUB = {
    'favicon.ico':                                    {"GET":    "302   302   302   302   302   302   302",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'healthz':                                        {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'accounts/login/':                                {"GET":    "200   200   302   302   302   302   302",
                                                       "POST":   "200   200   302   302   302   302   302"},
    'accounts/logout/':                               {"GET":    "405   405   405   405   405   405   405",
                                                       "POST":   "login login login login login login login"},
    'accounts/password/':                             {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    'accounts/password/done/':                        {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'accounts/':                                      {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    'accounts/audit/':                                {"GET":    "login login 403   403   403   403   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'accounts/tokens/<int:pk>/revoke/':               {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   404   404   404   404"},
    'oidc/authenticate/':                             {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'oidc/callback/':                                 {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'i18n/setlang/':                                  {"GET":    "302   302   302   302   302   302   302",
                                                       "POST":   "302   302   302   302   302   302   302"},
    'notifications/':                                 {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'notifications/read/':                            {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    # Background tasks: superusers. Tests run tasks immediately (nothing stored:
    # a task page is 404); "Run now" then runs the job inline and redirects.
    'tasks/':                                         {"GET":    "login login 403   403   403   403   200",
                                                       "POST":   "login login 403   403   403   403   405"},
    'tasks/<str:task_id>/':                           {"GET":    "login login 403   403   403   403   404",
                                                       "POST":   "login login 403   403   403   403   405"},
    'tasks/<str:task_id>/retry/':                     {"GET":    "login login 403   403   403   403   405",
                                                       "POST":   "login login 403   403   403   403   404"},
    'tasks/daily/<str:name>/run/':                    {"GET":    "login login 403   403   403   403   405",
                                                       "POST":   "login login 403   403   403   403   302"},
    # Managers enter the Wagtail admin to compose campaigns (campaigns.bootstrap);
    # pages they may not edit send them back to the dashboard (302).
    'cms/':                                           {"GET":    "login login login login 200   200   200",
                                                       "POST":   "login login login login 405   405   405"},
    'cms/pages/<int:parent_page_id>/':                {"GET":    "login login login login 200   302   200",
                                                       "POST":   "login login login login 405   302   405"},
    'cms/pages/<int:page_id>/edit/':                  {"GET":    "login login login login 200   302   200"},
    'cms/pages/<int:page_id>/unpublish/':             {"GET":    "login login login login 302   302   200",
                                                       "POST":   "login login login login 302   302   302"},
    'cms/pages/<int:page_id>/revisions/':             {"GET":    "login login login login 302   302   302",
                                                       "POST":   "login login login login 302   302   302"},
    'cms/users/':                                     {"GET":    "login login login login 302   302   200",
                                                       "POST":   "login login login login 302   302   405"},
    'documents/^(\\d+)/(.*)$':                        {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "200   200   200   200   200   200   200"},
    'documents/authenticate_with_password/<int:restriction_id>/':{"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    'war-room/':                                      {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/list/':                                 {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/add/':                                  {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 400   400   400   400   400"},
    'war-room/add/done/<int:pk>/':                    {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/bookmarklet/':                          {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/leads/<int:pk>/':                       {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/leads/<int:pk>/card/':                  {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/leads/<int:pk>/move/':                  {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   404   403   404   404"},
    'war-room/leads/<int:pk>/edit/':                  {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   400   403   400   400"},
    'war-room/leads/<int:pk>/activity/':              {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   400   403   400   400"},
    'war-room/leads/<int:pk>/delete/':                {"GET":    "login login 403   405   403   405   405",
                                                       "POST":   "login login 403   302   403   302   302"},
    'war-room/leads/<int:pk>/restore/':               {"GET":    "login login 403   405   403   405   405",
                                                       "POST":   "login login 403   302   403   302   302"},
    'war-room/leads/<int:pk>/merge/':                 {"GET":    "login login 403   405   403   405   405",
                                                       "POST":   "login login 403   400   403   400   400"},
    'war-room/trash/':                                {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 403   405   403   405   405"},
    'war-room/duplicates/':                           {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 403   405   403   405   405"},
    'war-room/duplicates/<int:pk>/dismiss/':          {"GET":    "login login 403   405   403   405   405",
                                                       "POST":   "login login 403   404   403   404   404"},
    # Without ?keep=&merged= (two leads) there is nothing to compare: 404.
    'war-room/merge/':                                {"GET":    "login login 403   404   403   404   404",
                                                       "POST":   "login login 403   404   403   404   404"},
    'war-room/merges/<int:pk>/undo/':                 {"GET":    "login login 403   405   403   405   405",
                                                       "POST":   "login login 403   404   403   404   404"},
    # Routing: Managers (and superusers). A POST without a form kind is refused.
    'war-room/routing/':                              {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   403   403"},
    'war-room/routing/<str:kind>/<int:pk>/':          {"GET":    "login login 403   403   403   404   404",
                                                       "POST":   "login login 403   403   403   404   404"},
    'war-room/routing/<str:kind>/<int:pk>/delete/':   {"GET":    "login login 403   403   403   405   405",
                                                       "POST":   "login login 403   403   403   404   404"},
    'war-room/import/':                               {"GET":    "login login 403   200   403   200   200",
                                                       "POST":   "login login 403   200   403   200   200"},
    'war-room/import/<int:pk>/':                      {"GET":    "login login 403   200   403   404   404",
                                                       "POST":   "login login 403   400   403   404   404"},
    'war-room/import/<int:pk>/status/':               {"GET":    "login login 403   200   403   404   404",
                                                       "POST":   "login login 403   405   403   405   405"},
    'war-room/export.csv':                            {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/export.xlsx':                           {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/dashboard/':                            {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/search/':                               {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'api/leads/':                                     {"GET":    "401   401   200   200   200   200   200",
                                                       "POST":   "401   401   415   415   415   415   415"},
    'api/leads/search/':                              {"GET":    "401   401   200   200   200   200   200",
                                                       "POST":   "401   401   405   405   405   405   405"},
    'api/leads/<int:pk>/':                            {"GET":    "401   401   403   200   403   200   200",
                                                       "POST":   "401   401   405   405   405   405   405",
                                                       "PATCH":  "401   401   403   200   403   200   200",
                                                       "PUT":    "401   401   405   405   405   405   405",
                                                       "DELETE": "401   401   405   405   405   405   405"},
    'api/schema/':                                    {"GET":    "401   401   200   200   200   200   200",
                                                       "POST":   "401   401   405   405   405   405   405"},
    'api/^[\\s\\S]*/\\Z':                              {"GET":    "401   401   404   404   404   404   404",
                                                       "POST":   "401   401   404   404   404   404   404",
                                                       "PATCH":  "401   401   404   404   404   404   404"},
    'video/':                                         {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'video/new/':                                     {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 400   400   400   400   400"},
    'video/me/':                                      {"GET":    "login login 302   302   302   302   302",
                                                       "POST":   "login login 302   302   302   302   302"},
    'video/ice-servers':                              {"GET":    "403   403   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'video/ice-servers | ?room=customer meeting':     {"GET":    "403   200   200   200   200   200   200"},
    # A class recording: employees only (a missing or unready one is 404 to them).
    'video/recordings/<int:pk>/':                     {"GET":    "login login 404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'video/invite/<str:token>/':                      {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "400   400   400   400   400   400   400"},
    'video/lead/<int:lead_pk>/start/':                {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   302   403   302   302"},
    'video/<slug:slug>/':                             {"GET":    "login 200   403   200   403   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'video/<slug:slug>/ | team room':                 {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'video/<slug:slug>/invites/':                     {"GET":    "login login 403   200   403   403   200",
                                                       "POST":   "login login 403   400   403   403   400"},
    'video/<slug:slug>/invites/<int:pk>/revoke/':     {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   302   403   403   302"},
    'video/<slug:slug>/end/':                         {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 403   302   403   403   302"},
    'wiki/search/':                                   {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/search/autocomplete/':                      {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/recent/':                                   {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/recent/feed/':                              {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    'wiki/reports/':                                  {"GET":    "login login 403   403   200   403   200",
                                                       "POST":   "login login 403   403   405   403   405"},
    'wiki/create/':                                   {"GET":    "login login 302   302   200   302   200",
                                                       "POST":   "login login 302   302   200   302   200"},
    'wiki/trash/':                                    {"GET":    "login login 403   403   200   200   200",
                                                       "POST":   "login login 403   403   405   405   405"},
    'wiki/trash/<int:page_id>/restore/':              {"GET":    "login login 403   403   405   405   405",
                                                       "POST":   "login login 403   403   302   302   302"},
    'wiki/trash/<int:page_id>/delete/':               {"GET":    "login login 403   403   403   403   302",
                                                       "POST":   "login login 403   403   403   403   302"},
    'wiki/watch/<int:page_id>/':                      {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    'wiki/feedback/<int:page_id>/':                   {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    # Quizzes: every employee; an empty POST is refused back to the lesson.
    'wiki/webschool/lessons/<int:lesson_id>/quiz/start/':  {"GET": "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    'wiki/webschool/lessons/<int:lesson_id>/quiz/submit/': {"GET": "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    'wiki/webschool/report.xlsx':                     {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    # A certificate of a user that does not exist (who may download whose is
    # tested in tests/wiki/test_webschool.py); the public check of a code.
    'wiki/webschool/certificates/<int:user_id>/<slug:level>.pdf': {"GET": "login login 404   404   404   404   404",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/webschool/certificates/verify/<str:code>/': {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    # Live classes: managers schedule; a class that does not exist is 404.
    'wiki/webschool/live/new/':                       {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   400   400"},
    'wiki/webschool/live/<int:class_id>/':            {"GET":    "login login 404   404   404   404   404",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/webschool/live/<int:class_id>/end/':        {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 404   404   404   404   404"},
    'wiki/webschool/report/':                         {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    'wiki/webschool/report.csv':                      {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    # The editors' demand queue: Editors (and Wagtail's Moderators), superusers.
    'wiki/demand/':                                   {"GET":    "login login 403   403   200   403   200",
                                                       "POST":   "login login 403   403   405   403   405"},
    'wiki/demand/<int:pk>/':                          {"GET":    "login login 403   403   200   403   200",
                                                       "POST":   "login login 403   403   405   403   405"},
    'wiki/demand/<int:pk>/articles/':                 {"GET":    "login login 403   403   200   403   200",
                                                       "POST":   "login login 403   403   405   403   405"},
    'wiki/demand/<int:pk>/write/':                    {"GET":    "login login 403   403   405   403   405",
                                                       "POST":   "login login 403   403   400   403   400"},
    'wiki/demand/<int:pk>/synonym/':                  {"GET":    "login login 403   403   405   403   405",
                                                       "POST":   "login login 403   403   400   403   400"},
    'wiki/demand/<int:pk>/answered/':                 {"GET":    "login login 403   403   405   403   405",
                                                       "POST":   "login login 403   403   400   403   400"},
    'wiki/demand/<int:pk>/dismiss/':                  {"GET":    "login login 403   403   405   403   405",
                                                       "POST":   "login login 403   403   302   403   302"},
    'wiki/demand/<int:pk>/reopen/':                   {"GET":    "login login 403   403   405   403   405",
                                                       "POST":   "login login 403   403   302   403   302"},
    'sites/':                                         {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    # Campaigns: Managers (and superusers); clicks and unsubscribes need no login.
    'campaigns/':                                     {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    'campaigns/<int:pk>/':                            {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    'campaigns/<int:pk>/pause/':                      {"GET":    "login login 403   403   403   405   405",
                                                       "POST":   "login login 403   403   403   302   302"},
    'campaigns/<int:pk>/preview/':                    {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   405   405"},
    'campaigns/<int:pk>/send/':                       {"GET":    "login login 403   403   403   405   405",
                                                       "POST":   "login login 403   403   403   302   302"},
    'campaigns/<int:pk>/surge/':                      {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   302   302"},
    'campaigns/<int:pk>/test/':                       {"GET":    "login login 403   403   403   405   405",
                                                       "POST":   "login login 403   403   403   302   302"},
    'campaigns/audiences/<int:pk>/':                  {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   200   200"},
    'campaigns/audiences/new/':                       {"GET":    "login login 403   403   403   200   200",
                                                       "POST":   "login login 403   403   403   200   200"},
    'm/c/<str:signed>/':                              {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'm/u/<str:signed>/':                              {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    'war-room/dashboard/export.csv':                  {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'war-room/dashboard/export.xlsx':                 {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    'wiki/search/answer/':                            {"GET":    "login login 405   405   405   405   405",
                                                       "POST":   "login login 302   302   302   302   302"},
    'sites/<int:pk>/':                                {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 405   405   405   405   405"},
    '^media/(?P<path>.*)$':                           {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    '^media/(?P<path>.*)$ | document file':           {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "200   200   200   200   200   200   200"},
    '_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/':{"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    '_util/login/':                                   {"GET":    "200   200   302   302   302   302   302",
                                                       "POST":   "200   200   302   302   302   302   302"},
    '^((?:[\\w\\-]+/)*)$ | staff home':               {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    '^((?:[\\w\\-]+/)*)$ | wiki article':             {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    '^((?:[\\w\\-]+/)*)$ | webschool lesson':         {"GET":    "login login 200   200   200   200   200",
                                                       "POST":   "login login 200   200   200   200   200"},
    '^((?:[\\w\\-]+/)*)$ | unknown page':             {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
}

# Microsite host (portails-bordeaux.test): public pages and forms only.
PUBLIC = {
    'sitemap.xml':                                    {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'robots.txt':                                     {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    # The site's own icons and manifest, drawn from its branding: anyone.
    'favicon.ico':                                    {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'icon-<int:size>.png':                            {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'manifest.webmanifest':                           {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    '_stats/view/':                                   {"GET":    "405   405   405   405   405   405   405",
                                                       "POST":   "204   204   204   204   204   204   204"},
    '_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/':{"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    '^media/(?P<path>.*)$':                           {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    # The question box: anyone; a vote or callback without a (signed) question
    # is refused; the thank-you without its reference is not found.
    'questions/':                                     {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "405   405   405   405   405   405   405"},
    'questions/avis/':                                {"GET":    "405   405   405   405   405   405   405",
                                                       "POST":   "400   400   400   400   400   400   400"},
    'questions/rappel/':                              {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    'questions/rappel/merci/':                        {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "405   405   405   405   405   405   405"},
    f"{SERVE} | site home":                           {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "200   200   200   200   200   200   200"},
    f"{SERVE} | quote form":                          {"GET":    "200   200   200   200   200   200   200",
                                                       "POST":   "400   400   400   400   400   400   400"},
    f"{SERVE} | unknown page":                        {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    f"{SERVE} | /war-room/ (hub only)":               {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    f"{SERVE} | /cms/ (hub only)":                    {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    f"{SERVE} | /accounts/login/ (hub only)":         {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    f"{SERVE} | /api/leads/ (hub only)":              {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
    f"{SERVE} | /video/<slug>/ (hub only)":           {"GET":    "404   404   404   404   404   404   404",
                                                       "POST":   "404   404   404   404   404   404   404"},
}

# WebSocket routes: "accept" or the close code.
# route [| variant]                                               anon   guest  staff  sales  editor manager admin
WEBSOCKET = {
    'ws/notifications/':                                              "4401   4401   accept accept accept accept accept",
    'ws/war-room/':                                                   "4401   4401   accept accept accept accept accept",
    '^ws/video/(?P<slug>[-a-zA-Z0-9_]{1,80})/$ | team room':          "4401   4401   accept accept accept accept accept",
    '^ws/video/(?P<slug>[-a-zA-Z0-9_]{1,80})/$ | customer meeting':   "4401   accept 4403   accept 4403   accept accept",
    '^ws/video/(?P<slug>[-a-zA-Z0-9_]{1,80})/$ | no such room':       "4404   4404   4404   4404   4404   4404   4404",
}
# fmt: on


def paths(world) -> dict[str, str]:
    """Route key → the real path requested (URL kwargs filled from `world`)."""
    demand = f"/wiki/demand/{world.demand_item.pk}/"
    special = {
        **{
            f"wiki/demand/<int:pk>/{action}": f"{demand}{action}"
            for action in (
                "",
                "articles/",
                "write/",
                "synonym/",
                "answered/",
                "dismiss/",
                "reopen/",
            )
        },
        "accounts/tokens/<int:pk>/revoke/": f"/accounts/tokens/{world.token.pk}/revoke/",
        "war-room/import/<int:pk>/": f"/war-room/import/{world.import_job.pk}/",
        "war-room/import/<int:pk>/status/": (
            f"/war-room/import/{world.import_job.pk}/status/"
        ),
        "tasks/<str:task_id>/": "/tasks/0b1e2f6a-8d3c-4c55-9a41-0e7e3b2a9c11/",
        "tasks/<str:task_id>/retry/": (
            "/tasks/0b1e2f6a-8d3c-4c55-9a41-0e7e3b2a9c11/retry/"
        ),
        "tasks/daily/<str:name>/run/": "/tasks/daily/remind_next_actions/run/",
        "war-room/routing/<str:kind>/<int:pk>/": "/war-room/routing/team/999999/",
        "war-room/routing/<str:kind>/<int:pk>/delete/": (
            "/war-room/routing/team/999999/delete/"
        ),
        "video/<slug:slug>/invites/<int:pk>/revoke/": (
            f"/video/{world.customer_room.slug}/invites/{world.invite.pk}/revoke/"
        ),
        "video/<slug:slug>/ | team room": f"/video/{world.team_room.slug}/",
        "video/recordings/<int:pk>/": "/video/recordings/999999/",
        "api/^[\\s\\S]*/\\Z": "/api/leads/not-a-number/",
        "documents/^(\\d+)/(.*)$": (
            f"/documents/{world.document.pk}/{world.document.filename}"
        ),
        # An import file's name under /media/: 404, it lives in PRIVATE_MEDIA_ROOT.
        "^media/(?P<path>.*)$": f"/media/{world.import_job.file.name}",
        "^media/(?P<path>.*)$ | document file": f"/media/{world.document.file.name}",
        "video/ice-servers | ?room=customer meeting": (
            f"/video/ice-servers?room={world.customer_room.slug}"
        ),
        "sites/<int:pk>/": f"/sites/{world.site.pk}/",
        **{
            f"campaigns/<int:pk>/{action}": f"/campaigns/{world.campaign.pk}/{action}"
            for action in ("", "pause/", "preview/", "send/", "surge/", "test/")
        },
        "campaigns/audiences/<int:pk>/": (
            f"/campaigns/audiences/{world.campaign.audience_id}/"
        ),
        # Forged values: a real signed link is tested in tests/campaigns.
        "m/c/<str:signed>/": "/m/c/forged/",
        "m/u/<str:signed>/": "/m/u/forged/",
        "wiki/webschool/certificates/<int:user_id>/<slug:level>.pdf": (
            "/wiki/webschool/certificates/999999/initiation.pdf"
        ),
        "wiki/webschool/certificates/verify/<str:code>/": (
            "/wiki/webschool/certificates/verify/NOPE/"
        ),
        "wiki/webschool/live/<int:class_id>/": "/wiki/webschool/live/999999/",
        "wiki/webschool/live/<int:class_id>/end/": "/wiki/webschool/live/999999/end/",
        f"{SERVE} | staff home": "/",
        f"{SERVE} | wiki article": world.article.url,
        f"{SERVE} | webschool lesson": world.lesson.url,
        f"{SERVE} | unknown page": "/nope/",
    }
    result = {}
    for key in HUB:
        route = key.split(" | ")[0]
        result[key] = special.get(key) or fill(route, world.kwargs)
    return result


def _run(world, table, path_for, **client_kwargs):
    sessions = Sessions(world)
    actual = {}
    for key, methods in table.items():
        path = path_for[key]
        actual[key] = {}
        for method in methods:
            cells = []
            for role in ROLES:
                with rolled_back():
                    from django.core.cache import cache

                    cache.clear()
                    client = sessions.client(role, **client_kwargs)
                    extra = {}
                    if method in ("PUT", "PATCH"):
                        extra["content_type"] = "application/json"
                    cells.append(outcome(request(client, method, path, **extra)))
            actual[key][method] = " ".join(cells)
    return actual


def _diff(expected, actual) -> list[str]:
    lines = []
    for key, methods in expected.items():
        for method, row in methods.items():
            want = row.split()
            got = actual[key][method].split()
            if want != got:
                bad = [
                    f"{role}: want {w} got {g}"
                    for role, w, g in zip(ROLES, want, got, strict=True)
                    if w != g
                ]
                lines.append(f"{key} {method}: " + ", ".join(bad))
    return lines


def _dump(actual):
    if os.environ.get("HARDENING_DUMP"):
        for key, methods in actual.items():
            for method, row in methods.items():
                print(f"    {key!r:48} {method:6} {row}")  # noqa: T201


def test_every_route_is_in_the_table():
    routes = set(hub_routes())
    covered = {key.split(" | ")[0] for key in HUB}
    assert sorted(routes - covered) == [], "routes missing from the matrix"
    assert sorted(covered - routes) == [], "matrix rows for routes that are gone"
    public = set(public_routes())
    covered = {key.split(" | ")[0] for key in PUBLIC}
    assert sorted(public - covered) == []
    assert sorted(covered - public) == []


def public_paths(world) -> dict[str, str]:
    special = {
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
            f"/_util/authenticate_with_password/999999/{world.site.root_page_id}/"
        ),
        "^media/(?P<path>.*)$": f"/media/{world.import_job.file.name}",
        "icon-<int:size>.png": "/icon-192.png",
        f"{SERVE} | site home": "/",
        f"{SERVE} | quote form": "/devis/",
        f"{SERVE} | unknown page": "/nope/",
        f"{SERVE} | /war-room/ (hub only)": "/war-room/",
        f"{SERVE} | /cms/ (hub only)": "/cms/",
        f"{SERVE} | /accounts/login/ (hub only)": "/accounts/login/",
        f"{SERVE} | /api/leads/ (hub only)": "/api/leads/",
        f"{SERVE} | /video/<slug>/ (hub only)": f"/video/{world.team_room.slug}/",
    }
    return {key: special.get(key) or "/" + key for key in PUBLIC}


def ws_path(world, key: str) -> str:
    route, _sep, variant = key.partition(" | ")
    slug = {
        "team room": world.team_room.slug,
        "customer meeting": world.customer_room.slug,
        "no such room": "no-such-room",
    }.get(variant)
    return f"/ws/video/{slug}/" if slug else "/" + route


@pytest.mark.django_db
def test_public_host_matrix(world):
    """On a microsite host only public pages exist; intranet paths answer 404
    whoever asks, and an intranet session changes nothing."""
    actual = _run(
        world, PUBLIC, public_paths(world), HTTP_HOST="portails-bordeaux.test"
    )
    _dump(actual)
    assert _diff(PUBLIC, actual) == []


async def _ws_outcome(application, path, headers) -> str:
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=3)
    await communicator.disconnect()
    return "accept" if connected else str(code)


@pytest.mark.django_db(transaction=True)
async def test_websocket_matrix(world):
    from hub.asgi import application, websocket_urlpatterns

    routes = {str(p.pattern) for p in websocket_urlpatterns}
    assert routes == {key.split(" | ")[0] for key in WEBSOCKET}, "WS route missing"

    def headers_by_role():
        return {role: session_cookie_headers(world.client(role)) for role in ROLES}

    headers = await database_sync_to_async(headers_by_role)()
    actual = {}
    for key in WEBSOCKET:
        cells = [
            await _ws_outcome(application, ws_path(world, key), headers[role])
            for role in ROLES
        ]
        actual[key] = " ".join(cells)
    if os.environ.get("HARDENING_DUMP"):
        for key, row in actual.items():
            print(f"    {key!r:60} {row}")  # noqa: T201
    assert {k: v.split() for k, v in actual.items()} == {
        k: v.split() for k, v in WEBSOCKET.items()
    }


@pytest.mark.django_db
def test_hub_http_matrix(world):
    actual = _run(world, HUB, paths(world))
    _dump(actual)
    assert _diff(HUB, actual) == []
