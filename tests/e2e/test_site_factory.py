"""A new local site in one guided action: an editor answers the steps, checks
the draft and publishes it; a visitor's page view and quote are counted without
a cookie and show in the staff list."""

import pytest

from hub import roles
from microsites.models import PageStatDay
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.microsites.conftest import add_product, brand, make_site

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def _host_url(daphne_server, hostname, path="/"):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://{hostname}:{port}{path}"


@pytest.mark.django_db(transaction=True)
def test_editor_creates_checks_and_publishes_a_site(daphne_server, new_context):
    template = make_site("Portails Lyon", "portails-lyon.localhost")
    brand(template, address="12 rue de l'Industrie, 69003 Lyon", phone="04 72 12 34 00")
    product = add_product(
        template.root_page, "Portail coulissant", "portail-coulissant"
    )
    product.intro = "Posé {{a_ville}} et {{en_departement}}."
    product.save_revision().publish()
    make_user("eve", roles.STAFF, roles.EDITORS, first_name="Ève")
    editor = new_context().new_page()
    login(editor, daphne_server, "eve")

    editor.goto(f"{daphne_server}/cms/microsites/new/?restart=1")
    editor.fill("#id_site-name", "Portails Dijon")
    editor.fill("#id_site-hostname", "portails-dijon.localhost")
    editor.select_option("#id_site-template", label="Portails Lyon")
    assert axe_violations(editor) == []
    editor.locator("form#w-editor-form button[type=submit]").last.click()
    editor.fill("#id_place-city", "Dijon")
    editor.select_option("#id_place-department", value="21")
    editor.fill("#id_place-postal_code", "21000")
    editor.fill("#id_place-address", "3 rue Vauban")
    editor.locator("form#w-editor-form button[type=submit]").last.click()
    editor.fill("#id_contact-phone", "0380123400")
    editor.fill("#id_contact-email", "dijon@example.com")
    editor.locator("form#w-editor-form button[type=submit]").last.click()
    editor.locator("[data-factory-summary]").get_by_text("03 80 12 34 00").wait_for()
    assert axe_violations(editor) == []
    screenshot(editor, "factory-last-step")
    editor.locator("form#w-editor-form button[type=submit]").last.click()
    editor.wait_for_url("**/cms/microsites/*/")
    editor.locator('[data-site-state="draft"]').wait_for()
    assert axe_violations(editor) == []
    screenshot(editor, "factory-draft")

    visitor = new_context(user_agent=BROWSER_UA).new_page()
    response = visitor.goto(_host_url(daphne_server, "portails-dijon.localhost"))
    assert response.status == 404  # a draft is not public

    editor.locator("[data-publish-site]").click()
    editor.locator('[data-site-state="live"]').wait_for()

    with visitor.expect_request("**/_stats/view/") as beacon:
        visitor.goto(
            _host_url(daphne_server, "portails-dijon.localhost", "/portail-coulissant/")
        )
    assert beacon.value.method == "POST"
    visitor.get_by_text("Posé à Dijon et en Côte-d'Or.").wait_for()
    assert "Lyon" not in visitor.locator("main").inner_text()
    assert visitor.context.cookies() == []  # counted without a cookie
    editor.wait_for_timeout(0)
    for _attempt in range(50):  # the beacon is sent after the page showed
        if PageStatDay.objects.filter(views=1, visits=1).exists():
            break
        visitor.wait_for_timeout(100)
    assert PageStatDay.objects.filter(views=1, visits=1).count() == 1

    editor.goto(f"{daphne_server}/sites/")
    row = editor.locator('[data-site="portails-dijon.localhost"]')
    assert row.locator("[data-visits]").inner_text() == "1"
    assert axe_violations(editor) == []


@pytest.mark.django_db(transaction=True)
def test_sites_from_a_csv_with_a_report_per_line(daphne_server, new_context, tmp_path):
    template = make_site("Portails Lyon", "portails-lyon.localhost")
    brand(template, address="12 rue de l'Industrie, 69003 Lyon")
    make_user("eve", roles.STAFF, roles.EDITORS, first_name="Ève")
    csv_file = tmp_path / "sites.csv"
    csv_file.write_text(
        "nom;hote;modele;ville;departement;code_postal;adresse;telephone;email\n"
        "Portails Dijon;portails-dijon.localhost;portails-lyon.localhost;Dijon;21;"
        "21000;3 rue Vauban;03 80 12 34 00;dijon@example.com\n"
        "Portails Beaune;portails-beaune.localhost;portails-lyon.localhost;Beaune;21;"
        "21200;1 rue Carnot;12;beaune@example.com\n",
        encoding="utf-8",
    )
    editor = new_context().new_page()
    login(editor, daphne_server, "eve")
    editor.goto(f"{daphne_server}/cms/microsites/import/")
    assert axe_violations(editor) == []
    editor.set_input_files("input[type=file]", str(csv_file))
    editor.locator("form button[type=submit]").last.click()
    editor.wait_for_url("**/cms/microsites/import/*/")
    editor.locator('[data-line="2"][data-result="created"]').wait_for()
    refused = editor.locator('[data-line="3"][data-result="refused"]')
    assert "telephone" in refused.inner_text()
    assert axe_violations(editor) == []
    screenshot(editor, "factory-csv-report")
