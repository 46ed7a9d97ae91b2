"""Sites from a CSV: the file checked at upload, one atomic draft per row in a
background task, a report in plain words per line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.models import Page, Site

from microsites.models import SiteImport

from .conftest import brand

HEADER = "nom;hote;modele;ville;departement;code_postal;adresse;telephone;email\n"


def row(name, host, city="Dijon", dept="21", cp="21000", phone="03 80 00 00 00"):
    return (
        f"{name};{host};portails-bordeaux.localhost;{city};{dept};{cp};"
        f"3 rue Vauban;{phone};{host.split('.')[0]}@example.com\n"
    )


def upload(client, content: bytes, name="sites.csv"):
    return client.post(
        "/cms/microsites/import/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.fixture
def template(bordeaux):
    brand(bordeaux, address="1 cours de l'Intendance, 33000 Bordeaux")
    return bordeaux


@pytest.mark.django_db
def test_each_row_is_created_whole_or_refused_with_its_reasons(
    client, editor_user, template, django_capture_on_commit_callbacks
):
    content = (
        HEADER
        + row("Portails Dijon", "portails-dijon.localhost")
        + row("Doublon", "portails-dijon.localhost")
        + row("Portails Beaune", "portails-beaune.localhost", phone="12", cp="75001")
        + "Portails Pau;portails-pau.localhost;nowhere.localhost;Pau;64;64000;"
        "1 place Royale;05 59 00 00 00;pau@example.com\n"
        + row(
            "Portails Nevers", "portails-nevers.localhost", "Nevers", "Nièvre", "58000"
        )
    )
    client.force_login(editor_user)
    pages_before = Page.objects.count()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = upload(client, content.encode("cp1252"))  # Excel's French CSV
    job = SiteImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cms/microsites/import/{job.pk}/"
    job.refresh_from_db()
    assert job.status == "done" and job.processed == 5
    by_line = {line["line"]: line for line in job.report}
    assert by_line[2]["status"] == "created"
    # the report names the file's own columns and values (its words are in the
    # language the worker runs in)
    assert "portails-dijon.localhost" in by_line[2]["message"]
    assert by_line[3]["status"] == "refused"
    assert by_line[3]["message"].startswith("hote: ")
    assert "portails-dijon.localhost" in by_line[3]["message"]
    assert "telephone: « 12 »" in by_line[4]["message"]
    assert "code_postal: " in by_line[4]["message"] and "75001" in by_line[4]["message"]
    assert by_line[5]["message"].startswith("modele: ")
    assert "nowhere.localhost" in by_line[5]["message"]
    assert by_line[6]["status"] == "created"  # the department by its name
    assert set(
        Site.objects.filter(hostname__startswith="portails-").values_list(
            "hostname", flat=True
        )
    ) == {
        "portails-bordeaux.localhost",
        "portails-dijon.localhost",
        "portails-nevers.localhost",
    }
    # nothing half-created: only the two sites' pages were added
    assert Page.objects.count() == pages_before + 2 * 3  # home, product, form
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-result="refused"' in page.text and "Portails Beaune" in page.text
    status = client.get(f"/cms/microsites/import/{job.pk}/status/").json()
    assert status == {
        "status": "done",
        "processed": 5,
        "total": 5,
        "created": 2,
        "refused": 3,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nom\ufeff".encode("utf-16"), "not CSV text"),
        (b"", "The submitted file is empty"),
        (HEADER.encode(), "no site"),
        (b"nom;hote;ville\nA;a.localhost;Dijon\n", "Missing columns: modele"),
        (
            (HEADER.strip() + ";remarque\n" + row("A", "a.localhost")).encode(),
            "Unknown columns: remarque",
        ),
        (
            ("nom;" + HEADER + "X;" + row("A", "a.localhost")).encode(),
            "given twice: nom",
        ),
        ((HEADER + row("A", "a.localhost") * 201).encode(), "at most 200"),
    ],
)
def test_bad_files_are_refused_at_upload_in_plain_words(
    client, editor_user, template, content, message, english_admin
):
    client.force_login(english_admin(editor_user))
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SiteImport.objects.exists()


@pytest.mark.django_db
def test_an_import_is_seen_by_its_author_only(
    client, editor_user, template, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            client,
            (HEADER + row("Portails Dijon", "portails-dijon.localhost")).encode(),
        )
    job = SiteImport.objects.get()
    from hub import roles
    from tests.conftest import make_user

    other = make_user("other-editor", roles.STAFF, roles.EDITORS)
    client.force_login(other)
    assert client.get(f"/cms/microsites/import/{job.pk}/").status_code == 404
    assert client.get(f"/cms/microsites/import/{job.pk}/status/").status_code == 404
