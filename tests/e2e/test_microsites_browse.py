"""Two microsites by hostname, a quote request, then the lead in the war room."""

import re

import pytest

from hub import roles
from microsites.models import SiteBranding
from microsites.services import microsite_create
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.microsites.conftest import add_product


def _site(name, hostname, primary, accent):
    site = microsite_create(name=name, hostname=hostname)
    SiteBranding.objects.filter(site=site).update(
        primary_color=primary,
        accent_color=accent,
        tagline="Fabrication française depuis 1987",
        phone="05 56 12 34 00",
    )
    add_product(site.root_page, f"{name.split()[0]} sur mesure", "sur-mesure")
    return site


def _microsite_url(daphne_server, hostname, path="/"):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://{hostname}:{port}{path}"


@pytest.mark.django_db(transaction=True)
def test_two_sites_branding_form_and_lead_in_war_room(daphne_server, new_context):
    _site("Portails Bordeaux", "portails-bordeaux.localhost", "#7a1f1f", "#1f5f7a")
    _site("Clôtures Lyon", "clotures-lyon.localhost", "#1f4e2a", "#6b2d6b")
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    visitor = new_context().new_page()

    colours = {}
    for hostname, name in (
        ("clotures-lyon.localhost", "Clôtures Lyon"),
        ("portails-bordeaux.localhost", "Portails Bordeaux"),
    ):
        visitor.goto(_microsite_url(daphne_server, hostname))
        visitor.get_by_role("heading", level=1, name=name).wait_for()
        colours[hostname] = visitor.evaluate(
            "getComputedStyle(document.querySelector('.ms-hero')).backgroundColor"
        )
        assert axe_violations(visitor) == []
        screenshot(visitor, f"microsite-home-{hostname.split('.')[0]}")
    assert colours["portails-bordeaux.localhost"] == "rgb(122, 31, 31)"
    assert colours["clotures-lyon.localhost"] == "rgb(31, 78, 42)"

    visitor.goto(
        _microsite_url(
            daphne_server,
            "portails-bordeaux.localhost",
            "/sur-mesure/?utm_source=google&utm_campaign=printemps",
        )
    )
    visitor.get_by_role("heading", level=1, name="Portails sur mesure").wait_for()
    assert axe_violations(visitor) == []
    screenshot(visitor, "microsite-product")
    visitor.get_by_role("link", name="Demander un devis").first.click()
    visitor.get_by_label("Nom et prénom").fill("Jeanne Martin")
    visitor.get_by_label("Société").fill("Résidence Les Pins")
    visitor.get_by_label("E-mail").fill("jeanne@lespins.example")
    visitor.get_by_label("Téléphone").fill("06 12 34 56 78")
    visitor.get_by_label("Votre projet").fill("Portail coulissant de 4 m, motorisé.")
    assert axe_violations(visitor) == []
    screenshot(visitor, "microsite-contact")
    visitor.get_by_role("button", name="Envoyer ma demande").click()
    # the form waits out the minimum time-to-submit, then the thank-you page
    visitor.locator("[data-contact-sent]").wait_for()
    screenshot(visitor, "microsite-contact-sent")

    sales = new_context().new_page()
    login(sales, daphne_server, "sales")
    sales.goto(daphne_server + "/war-room/list/")
    sales.get_by_text("Résidence Les Pins").first.click()
    sales.locator(".wr-attribution").wait_for()
    where = sales.locator(".wr-attribution").inner_text()
    # The source in words (issue 14): the site's name and its campaign tag.
    assert "Portails Bordeaux" in where
    assert re.search(r"Campagne UTM\s*:\s*printemps", where)
    screenshot(sales, "microsite-lead-in-war-room")


@pytest.mark.django_db(transaction=True)
def test_quote_sent_before_the_script_loaded_is_kept_and_sent_again(
    daphne_server, new_context
):
    """Slow network: the visitor sends before contact.js has run (here it is held
    back), so the server sees a too-fast submission. The form comes back with a
    calm notice and every value; once the script is there, sending again waits
    out the rest of the minimum time and goes through."""
    from wagtail.contrib.forms.models import FormSubmission

    _site("Portails Bordeaux", "portails-bordeaux.localhost", "#7a1f1f", "#1f5f7a")
    context = new_context()
    context.route("**/microsites/js/contact.js", lambda route: route.abort())
    visitor = context.new_page()
    visitor.goto(
        _microsite_url(daphne_server, "portails-bordeaux.localhost", "/devis/")
    )
    values = {
        "Nom et prénom": "Jeanne Martin",
        "E-mail": "jeanne@lespins.example",
        "Téléphone": "06 12 34 56 78",
        "Votre projet": "Portail coulissant de 4 m, motorisé.",
    }
    # typed at once (autofill): well inside the 3-second minimum
    visitor.evaluate(
        """(values) => {
            for (const label of document.querySelectorAll("form.ms-form label")) {
                const name = label.textContent.replace("*", "").replace(
                    "(obligatoire)", "").trim();
                if (name in values) {
                    document.getElementById(label.htmlFor).value = values[name];
                }
            }
        }""",
        values,
    )
    visitor.get_by_role("button", name="Envoyer ma demande").click()
    visitor.locator("[data-send-again]").wait_for()
    assert "Presque fini" in visitor.locator("[data-send-again]").inner_text()
    assert visitor.locator(".ms-alert-error").count() == 0
    for label, value in values.items():
        assert visitor.get_by_label(label).input_value() == value
    assert axe_violations(visitor) == []
    screenshot(visitor, "microsite-contact-send-again")
    assert FormSubmission.objects.count() == 0

    context.unroute("**/microsites/js/contact.js")
    # the script arrives late: it waits out whatever is left of the minimum
    src = visitor.locator('script[src*="contact.js"]').get_attribute("src")
    visitor.add_script_tag(url=src)
    visitor.get_by_role("button", name="Envoyer ma demande").click()
    visitor.locator("[data-contact-sent]").wait_for()
    assert FormSubmission.objects.count() == 1
