import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from prospecting import imports
from prospecting.models import Activity, DuplicateFlag, ImportJob, Lead

from .factories import SAMPLE_MAPPING, SIREN_OK, make_lead

pytestmark = pytest.mark.django_db

ROWS = [
    [
        "Raison sociale",
        "Site web",
        "SIREN",
        "Ville",
        "Prénom",
        "Nom",
        "E-mail",
        "Téléphone",
        "Note",
        "Valeur estimée",
    ],
    [
        "Clôtures Élégantes",
        "www.clotures-elegantes.fr",
        SIREN_OK,
        "Bordeaux",
        "Amélie",
        "Durand",
        "a.durand@clotures-elegantes.fr",
        "05 56 12 34 56",
        "Besoin de 80 m",
        "12 500,00 €",
    ],
    [
        "Haras de l'Étang",
        "",
        "",
        "Angers",
        "Luc",
        "Bré",
        "luc@haras-etang.fr",
        "",
        '=HYPERLINK("http://evil")',
        "",
    ],
    ["", "", "", "Lyon", "", "", "", "", "ligne sans société", ""],
    ["Mauvais SIREN", "", "123456789", "", "", "", "", "", "", ""],
    [
        "Clôtures Elegantes SARL",
        "",
        "",
        "",
        "",
        "",
        "contact@clotures-elegantes.fr",
        "",
        "Deuxième demande",
        "",
    ],
]


def write(tmp_path, rows=ROWS, *, encoding="utf-8", delimiter=";", name="leads.csv"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(path, user=None, dry_run=False):
    encoding, delimiter, headers = imports.sniff(path)
    mapping = imports.validate_mapping(headers, imports.suggest_mapping(headers))
    return imports.run_import(
        imports.iter_rows(path, encoding, delimiter),
        mapping,
        by=user,
        dry_run=dry_run,
        batch_size=2,
    )


@pytest.mark.parametrize(
    "encoding,delimiter,expected",
    [
        ("utf-8", ";", "utf-8"),
        ("utf-8-sig", ";", "utf-8-sig"),
        ("cp1252", ";", "cp1252"),
        ("utf-8", ",", "utf-8"),
    ],
)
def test_encodings_and_delimiters(tmp_path, encoding, delimiter, expected, sales_user):
    path = write(tmp_path, encoding=encoding, delimiter=delimiter)
    got_encoding, got_delimiter, headers = imports.sniff(path)
    assert (got_encoding, got_delimiter) == (expected, delimiter)
    assert headers[0] == "Raison sociale" and headers[4] == "Prénom"
    report = run(path, sales_user)
    assert report.counts == {"imported": 3, "merged": 0, "skipped": 2}
    names = set(Lead.objects.values_list("company__name", flat=True))
    assert names == {
        "Clôtures Élégantes",
        "Clôtures Elegantes SARL",
        "Haras de l'Étang",
    }
    lead = Lead.objects.get(company__name="Clôtures Élégantes")
    assert str(lead.estimated_value) == "12500.00"
    assert lead.contact.phone == "+33556123456" and lead.source == "import"


def test_row_report_explains_each_exception(tmp_path, sales_user):
    report = run(write(tmp_path), sales_user)
    by_line = {r.line: r for r in report.rows}
    assert by_line[4].status == "skipped"
    assert by_line[4].reason.startswith("Nom de l'entreprise")
    assert by_line[5].status == "skipped" and "SIREN" in by_line[5].reason
    # Line 6 only shares the web domain and the folded name with line 2: a new
    # lead, flagged for review, never merged without a strong identity.
    first = Lead.objects.get(company__name="Clôtures Élégantes")
    assert by_line[6].status == "imported"
    assert f"doublon possible du lead #{first.pk}" in by_line[6].reason
    second = Lead.objects.get(pk=by_line[6].lead_id)
    flag = DuplicateFlag.objects.get(lead=second)
    assert flag.other == first and flag.signals == ["domain", "name"]
    assert second.received["line"] == 6
    assert second.received["E-mail"] == "contact@clotures-elegantes.fr"


def test_a_row_of_the_same_person_is_attached_with_the_row_as_read(
    tmp_path, sales_user
):
    rows = [
        ROWS[0],
        ROWS[1],
        [
            "Clôtures Élégantes",
            "",
            "",
            "",
            "Amélie",
            "Durand",
            "",
            "05 56 12 34 56",
            "Deuxième demande",
            "",
        ],
    ]
    report = run(write(tmp_path, rows), sales_user)
    assert report.counts == {"imported": 1, "merged": 1, "skipped": 0}
    lead = Lead.objects.get()
    note = Activity.objects.get(lead=lead, body="Deuxième demande")
    assert note.data["raw"]["Téléphone"] == "05 56 12 34 56"


def test_formula_cells_are_stored_as_text_and_exported_escaped(tmp_path, sales_user):
    run(write(tmp_path), sales_user)
    lead = Lead.objects.get(company__name="Haras de l'Étang")
    assert lead.note == '=HYPERLINK("http://evil")'


def test_rerun_is_idempotent(tmp_path, sales_user):
    path = write(tmp_path)
    run(path, sales_user)
    leads, activities = Lead.objects.count(), Activity.objects.count()
    again = run(path, sales_user)
    assert again.counts["imported"] == 0
    assert Lead.objects.count() == leads and Activity.objects.count() == activities


def test_rerun_without_any_dedupe_signal_still_creates_nothing(tmp_path, sales_user):
    path = write(tmp_path, [["Société"], ["Juste un nom"], ["Un autre nom"]])
    assert run(path, sales_user).counts["imported"] == 2
    assert run(path, sales_user).counts == {"imported": 0, "merged": 0, "skipped": 2}
    assert Lead.objects.count() == 2


def test_dry_run_writes_nothing(tmp_path, sales_user):
    report = run(write(tmp_path), sales_user, dry_run=True)
    assert report.counts["imported"] == 3
    assert Lead.objects.count() == 0


def test_existing_lead_is_merged_not_duplicated(tmp_path, sales_user):
    existing = make_lead(company={"name": "Déjà là", "siren": SIREN_OK})
    report = run(write(tmp_path), sales_user)
    # Line 2 joins the existing lead (same SIREN); line 6 only shares a website
    # domain with line 2, which was never created, so it is a new lead.
    assert report.counts == {"imported": 2, "merged": 1, "skipped": 2}
    assert Lead.objects.filter(company__siren=SIREN_OK).get() == existing


def test_mapping_validation():
    with pytest.raises(ValidationError):
        imports.validate_mapping(["A", "B"], {"A": "contact.email"})
    with pytest.raises(ValidationError):
        imports.validate_mapping(["A", "B"], {"A": "company.name", "B": "company.name"})
    with pytest.raises(ValidationError):
        imports.validate_mapping(["A"], {"A": "lead.secret"})
    assert imports.validate_mapping(["A", "B"], {"A": "company.name", "B": ""}) == {
        "A": "company.name"
    }


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ValidationError):
        imports.sniff(path)


def test_management_command(tmp_path, sales_user):
    path = write(tmp_path, encoding="cp1252")
    out = io.StringIO()
    call_command("import_leads", str(path), "--dry-run", stdout=out)
    assert "DRY RUN: 3 imported, 0 merged, 2 skipped" in out.getvalue()
    assert Lead.objects.count() == 0
    report = tmp_path / "report.csv"
    call_command(
        "import_leads",
        str(path),
        "--user",
        "sales",
        "--report",
        str(report),
        stdout=out,
    )
    assert Lead.objects.count() == 3
    assert Lead.objects.filter(found_by=sales_user).count() == 3
    assert "skipped" in report.read_text()
    with pytest.raises(CommandError):
        call_command("import_leads", str(path), "--user", "nobody", stdout=out)
    with pytest.raises(CommandError):
        call_command(
            "import_leads", str(path), "--map", "Inconnue=company.name", stdout=out
        )
    with pytest.raises(CommandError):
        call_command("import_leads", str(tmp_path / "missing.csv"), stdout=out)


def test_ui_upload_mapping_then_background_run(
    tmp_path, sales_user, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(sales_user)
    data = write(tmp_path, encoding="utf-8-sig").read_bytes()
    response = client.post(
        "/war-room/import/", {"file": SimpleUploadedFile("export.csv", data)}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/war-room/import/{job.pk}/"
    assert (job.encoding, job.delimiter, job.total_rows) == ("utf-8-sig", ";", 5)
    page = client.get(f"/war-room/import/{job.pk}/").content.decode()
    assert "Clôtures Élégantes" in page  # preview of the first values
    bad = client.post(f"/war-room/import/{job.pk}/", {"col_0": "", "col_1": ""})
    assert bad.status_code == 400
    mapping = SAMPLE_MAPPING
    with django_capture_on_commit_callbacks(execute=False) as started:
        assert client.post(f"/war-room/import/{job.pk}/", mapping).status_code == 302
    running = client.get(f"/war-room/import/{job.pk}/status/").json()
    assert running["status"] == "running" and running["processed"] == 0
    assert client.post(f"/war-room/import/{job.pk}/", mapping).status_code == 200
    for callback in started:  # the commit: the background task runs the import
        callback()
    step = client.get(f"/war-room/import/{job.pk}/status/").json()
    assert step == {
        "status": "done",
        "processed": 5,
        "total": 5,
        "counts": {"imported": 3, "merged": 0, "skipped": 2},
        "task": "",
    }
    report_page = client.get(f"/war-room/import/{job.pk}/").content.decode()
    assert "Row report" in report_page or "Rapport" in report_page


def test_ui_refuses_bad_files_and_non_sales(tmp_path, sales_user, staff_user, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(sales_user)
    assert (
        client.post(
            "/war-room/import/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/war-room/import/", {"file": SimpleUploadedFile("x.csv", b"\n\n")}
        ).status_code
        == 400
    )
    staff = Client()
    staff.force_login(staff_user)
    assert staff.get("/war-room/import/").status_code == 403


def test_a_failing_batch_does_not_undo_earlier_batches(
    tmp_path, sales_user, monkeypatch
):
    path = write(tmp_path, [["Société"], ["Un"], ["Deux"], ["Trois"]])
    original = imports.import_rows
    calls = {"n": 0}

    def flaky(batch, mapping, *, by, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(batch, mapping, by=by, **kwargs)

    monkeypatch.setattr(imports, "import_rows", flaky)
    with pytest.raises(RuntimeError):
        run(path, sales_user)  # batches of 2: the first one is committed
    assert set(Lead.objects.values_list("company__name", flat=True)) == {"Un", "Deux"}
    monkeypatch.setattr(imports, "import_rows", original)
    assert run(path, sales_user).counts == {"imported": 1, "merged": 0, "skipped": 2}


def test_a_row_repeated_in_the_file_is_reported(tmp_path, sales_user):
    path = write(tmp_path, [["Société", "Ville"], ["Même", "Tours"], ["Même", "Tours"]])
    with translation.override("en"):
        report = run(path, sales_user)
    assert report.counts == {"imported": 1, "merged": 0, "skipped": 1}
    assert report.rows[0].reason == "same row as line 2"
