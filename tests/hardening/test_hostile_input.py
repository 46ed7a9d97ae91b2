"""Hostile input over HTTP: open redirects, CSRF on every unsafe route, SQL/LIKE
wildcards in every search box, CSV formula injection, oversized and badly encoded
uploads, markup in stored text. (Browser-side XSS: test_xss_browser.py.)"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prospecting.models import ImportJob, Lead
from tests.prospecting.factories import make_lead

from .matrix import Sessions, request, rolled_back
from .test_permission_matrix import HUB, paths

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
EVIL_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "http:evil.example",
    " //evil.example/",
    "javascript:alert(1)",
]


# --- open redirects ---------------------------------------------------------------


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_login_next_never_leaves_the_site(client, staff_user, target):
    cache.clear()
    response = client.post(
        "/accounts/login/?next=" + target, {"username": "staff", "password": "demo"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    # already logged in: the login page bounces, still not to the attacker
    again = client.get("/accounts/login/", {"next": target})
    assert again.status_code == 302 and again["Location"] == "/"


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_notification_mark_read_next_never_leaves_the_site(client, staff_user, target):
    client.force_login(staff_user)
    response = client.post("/notifications/read/", {"next": target})
    assert response["Location"] == "/"
    ok = client.post("/notifications/read/", {"next": "/wiki/recent/"})
    assert ok["Location"] == "/wiki/recent/"


# --- CSRF on every unsafe method ---------------------------------------------------

# Routes that take a POST without a CSRF token, and why.
CSRF_EXEMPT = {
    # Public, read-only answers whatever the method: nothing is changed.
    "documents/^(\\d+)/(.*)$",
    "^media/(?P<path>.*)$",
    "^media/(?P<path>.*)$ | document file",
    # RFC 8058 one-click unsubscribe: the mail client POSTs with no CSRF token
    # (it has none); the signed link is the proof, and the only effect is to
    # stop mail to that address.
    "m/u/<str:signed>/",
}


def test_every_unsafe_method_needs_a_csrf_token(world):
    """As the superuser (allowed everywhere), an unsafe request without the token
    is refused (403) or the method does not exist (405); never served."""
    sessions = Sessions(world)
    path_for = paths(world)
    served = []
    for key, methods in HUB.items():
        if key in CSRF_EXEMPT:
            continue
        for method in methods:
            if method == "GET":
                continue
            with rolled_back():
                cache.clear()
                client = sessions.client("admin", enforce_csrf_checks=True)
                extra = {"content_type": "application/json"}
                response = request(client, method, path_for[key], **extra)
            if response.status_code not in (403, 405):
                served.append(f"{method} {key}: {response.status_code}")
    assert served == []


def test_the_api_takes_a_token_without_csrf_but_a_session_needs_it(world):
    from hub.services import api_token_create

    _token, raw = api_token_create(user=world.users["sales"], name="ci")
    body = {"source": "api", "company": {"name": "Grillages du Nord"}}
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.users["sales"])
    assert (
        session.post("/api/leads/", body, content_type="application/json").status_code
        == 403
    )
    api = Client(enforce_csrf_checks=True)
    response = api.post(
        "/api/leads/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201


# --- SQL / LIKE wildcards in every search box --------------------------------------

WILDCARDS = ["%", "_", "'", "\\", "%%", "' OR '1'='1", "\\%", "%' --"]


@pytest.fixture
def searchable(world):
    make_lead("100% Grillage", by=world.users["sales"])
    make_lead("Fil_de_fer Dupont", by=world.users["sales"])
    return world


# (path, parameter, words that find the control row, the control row's text)
SEARCHES = [
    ("/war-room/list/", "q", "Martin", "Clôtures Martin"),
    ("/war-room/search/", "q", "Martin", "Clôtures Martin"),
    ("/api/leads/", "q", "Martin", "Clôtures Martin"),
    ("/api/leads/search/", "q", "Martin", "Clôtures Martin"),
    ("/wiki/search/", "q", "panneau", "rigide 3D"),
    ("/wiki/search/autocomplete/", "q", "panneau", "rigide 3D"),
    ("/accounts/audit/", "actor", "jdupont", "lead.create"),
    ("/accounts/audit/", "action", "lead", "lead.create"),
]


@pytest.mark.parametrize(("path", "param", "words", "control"), SEARCHES)
def test_wildcards_in_search_boxes_match_literally(
    searchable, path, param, words, control
):
    """The control row (no wildcard in its name) is found by its own words and
    never by a wildcard; every query answers 200."""
    client = Client()
    client.force_login(searchable.users["admin"])
    found = client.get(path, {param: words})
    assert found.status_code == 200
    assert control in found.content.decode()
    for query in WILDCARDS:
        response = client.get(path, {param: query})
        assert response.status_code == 200, (query, response.status_code)
        assert control not in _results(response), query


def _results(response) -> str:
    """The part of the page that lists results (the whole JSON for the API)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return text
    start = text.find("<main")
    return text[start:] if start >= 0 else text


def test_percent_finds_the_lead_that_has_a_percent(searchable):
    client = Client()
    client.force_login(searchable.users["sales"])
    names = [
        row["company"]["name"]
        for row in client.get("/api/leads/", {"q": "100%"}).json()["results"]
    ]
    assert names == ["100% Grillage"]
    names = [
        row["company"]["name"]
        for row in client.get("/api/leads/", {"q": "l_de"}).json()["results"]
    ]
    assert names == ["Fil_de_fer Dupont"]


# --- CSV formula injection on export --------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil")',
    "+33 5 56",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
]


def test_exports_neutralise_spreadsheet_formulas(world):
    for index, formula in enumerate(FORMULAS):
        make_lead(f"{formula} {index}", by=world.users["sales"], note=formula)
    client = Client()
    client.force_login(world.users["sales"])
    response = client.get("/war-room/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [
        cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row
    ]
    if len(cells) < 10:  # comma-separated export
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    response = client.get("/war-room/export.xlsx")
    content = (
        response.getvalue()
        if not response.streaming
        else b"".join(response.streaming_content)
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    # XLSX is typed: a formula-looking text stays a string cell, shown as typed
    # (a phone "+33 …" without an apostrophe), flagged quote-prefix so that
    # editing it in Excel never turns it into a formula.
    looks_like_formula = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]
    assert looks_like_formula, "the hostile values are in the export"
    assert all(c.data_type == "s" and c.quotePrefix for c in looks_like_formula)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


# --- uploads: oversized, wrong encoding, hostile names ------------------------------


def _upload(client, name, content):
    return client.post(
        "/war-room/import/", {"file": SimpleUploadedFile(name, content, "text/csv")}
    )


def test_oversized_import_is_refused_with_a_clear_message(world, monkeypatch):
    from prospecting import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 1024)
    client = Client()
    client.force_login(world.users["sales"])
    response = _upload(
        client, "gros.csv", b"Soci\xc3\xa9t\xc3\xa9;Ville\n" + b"A;B\n" * 400
    )
    assert response.status_code == 400
    assert "50" in response.content.decode()  # "larger than 50 MB" (translated)
    assert ImportJob.objects.filter(original_name="gros.csv").count() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"Soci\xe9t\xe9;Ville\nA\x81\x8d\x9d;B\n",  # bytes undefined even in cp1252
        b"\xff\xfe\x00\x00garbage\x00\x01;\x02\n",
        b"\x00\x00\x00\x00",
        b"\n\n\n",
    ],
)
def test_undecodable_or_binary_csv_gives_a_form_error(world, content):
    client = Client()
    client.force_login(world.users["sales"])
    before = ImportJob.objects.count()
    response = _upload(client, "bizarre.csv", content)
    assert response.status_code == 400
    assert (
        "errorlist" in response.content.decode() or "error" in response.content.decode()
    )
    assert ImportJob.objects.count() == before


def test_hostile_file_name_is_stored_as_text_and_escaped(world):
    client = Client()
    client.force_login(world.users["sales"])
    name = '"><img src=x onerror=alert(1)>.csv'
    response = _upload(client, name, "Société;Ville\nClôtures Test;Pau\n".encode())
    assert response.status_code == 302, response.content[:500]
    job = ImportJob.objects.latest("pk")
    assert "onerror" not in job.file.name and "<" not in job.file.name
    page = client.get(response["Location"]).content.decode()
    assert "<img src=x onerror" not in page


def test_import_file_name_is_not_guessable(world):
    """Import CSVs (customer data) live in PRIVATE_MEDIA_ROOT, never served and
    without a URL; a secret name is the second line of defence should that
    folder ever be exposed (a proxy misconfigured, a backup copied somewhere)."""
    client = Client()
    client.force_login(world.users["sales"])
    _upload(client, "leads.csv", "Société\nA\n".encode())
    _upload(client, "leads.csv", "Société\nB\n".encode())
    jobs = ImportJob.objects.filter(original_name="leads.csv")
    names = [j.file.name for j in jobs.exclude(pk=world.import_job.pk)]
    assert len(names) == 2
    sales_pk = world.users["sales"].pk
    assert all(f"import-{sales_pk}." not in n for n in names)
    assert all(len(n.rsplit("/", 1)[-1]) > 30 for n in names)


# --- markup in stored text ------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS)
def test_markup_in_lead_fields_is_escaped_on_every_war_room_page(world, payload):
    from hub.services import api_token_create

    _token, raw = api_token_create(user=world.users["sales"], name="ci")
    api = Client()
    response = api.post(
        "/api/leads/",
        {
            "source": "api",
            "company": {"name": f"Société {payload}", "city": payload},
            "contact": {"name": payload, "role": payload},
            "note": payload,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201, response.content
    lead = Lead.objects.get(pk=response.json()["lead"]["id"])
    client = Client()
    client.force_login(world.users["sales"])
    quick = client.post(
        "/war-room/add/", {"company_name": f"Quick {payload}", "note": payload}
    )
    assert quick.status_code in (200, 302, 400)
    for path in (
        f"/war-room/leads/{lead.pk}/",
        f"/war-room/leads/{lead.pk}/card/",
        "/war-room/",
        "/war-room/list/",
        "/war-room/search/?q=Soci%C3%A9t%C3%A9",
        "/war-room/dashboard/",
    ):
        page = client.get(path).content.decode()
        assert "<script>alert(1)</script>" not in page, path
        assert "<img src=x onerror=alert(1)>" not in page, path
        assert 'href="javascript:' not in page, path
