"""Notifications that arrive: in real browsers on the live Daphne server, the
event happens, the bell count rises without a reload, and the mail reaches the
test session's real SMTP server (aiosmtpd) — or does not, by the user's choice."""

from __future__ import annotations

import pytest

from hub import roles
from microsites.services import microsite_create
from prospecting.models import Lead
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.microsites.conftest import add_product

pytestmark = pytest.mark.django_db(transaction=True)


def _body(mail) -> str:
    return mail["message"].get_body(preferencelist=("plain",)).get_content()


def _about(address, path):
    """A mail to `address` about `path` (the session's mailbox is shared by the
    browser tests: other tests' managers have the same address)."""
    return lambda mail: address in mail["to"] and path in _body(mail)


def _bell(page) -> int:
    text = page.locator("#bell-count").text_content() or "0"
    return int(text) if page.locator("#bell-count").is_visible() else 0


def _wait_bell(page, count):
    page.wait_for_function(
        """(n) => {
          const el = document.getElementById("bell-count");
          return !el.hidden && el.textContent === String(n);
        }""",
        arg=count,
    )


def test_a_quote_and_a_mention_ring_the_bell_live_and_mail_by_preference(
    daphne_server, new_context, smtp_server
):
    manager = make_user(
        "manager", roles.STAFF, roles.SALES, roles.MANAGERS, first_name="Hélène"
    )
    make_user("sales", roles.STAFF, roles.SALES, first_name="Sophie")
    site = microsite_create(
        name="Portails Bordeaux", hostname="portails-bordeaux.localhost"
    )
    add_product(site.root_page, "Portail coulissant", "portail-coulissant")

    # Hélène keeps the hub open; her bell is at zero.
    hub_page = new_context().new_page()
    login(hub_page, daphne_server, "manager")
    hub_page.goto(daphne_server + "/")
    hub_page.wait_for_function("() => document.getElementById('bell-count')")
    assert _bell(hub_page) == 0

    # A customer asks for a quote on the microsite: the lead has no owner yet,
    # so the managers are told — at once, in the bell and by mail.
    port = daphne_server.rsplit(":", 1)[1]
    customer = new_context().new_page()
    customer.goto(f"http://portails-bordeaux.localhost:{port}/portail-coulissant/")
    customer.get_by_role("link", name="Demander un devis").first.click()
    customer.wait_for_load_state()
    customer.get_by_label("Nom et prénom").fill("Jeanne Martin")
    customer.get_by_label("Société").fill("Résidence Les Pins")
    customer.get_by_label("E-mail").fill("jeanne@lespins.example")
    customer.get_by_label("Téléphone").fill("06 12 34 56 78")
    customer.get_by_label("Votre projet").fill("Portail coulissant de 4 m.")
    customer.get_by_role("button", name="Envoyer ma demande").click()
    customer.locator("[data-contact-sent]").wait_for()

    _wait_bell(hub_page, 1)  # no reload: pushed over ws/notifications/
    lead = Lead.objects.get(company__name="Résidence Les Pins")
    path = f"/war-room/leads/{lead.pk}/"
    mail = smtp_server.wait_for(_about(manager.email, path))
    assert "Résidence Les Pins" in mail["message"]["Subject"]
    screenshot(hub_page, "notif-01-bell-after-quote")

    # The bell's list opens on the lead, on the host she is on.
    hub_page.click("#bell-button")
    link = hub_page.locator("#notif-list a").first
    assert link.get_attribute("href") == f"/war-room/leads/{lead.pk}/"
    assert "Résidence Les Pins" in link.text_content()
    assert axe_violations(hub_page) == []
    hub_page.keyboard.press("Escape")
    _wait_bell_hidden(hub_page)  # opened: read

    # Hélène wants mentions in the daily digest only, from her account page.
    hub_page.goto(daphne_server + "/accounts/")
    hub_page.locator("fieldset", has_text="me mentionne").get_by_label(
        "Dans le résumé du matin"
    ).check()
    hub_page.get_by_role("button", name="Enregistrer mes préférences").click()
    hub_page.get_by_text("Vos préférences d’e-mail sont enregistrées.").wait_for()
    screenshot(hub_page, "notif-02-account-preferences")
    assert axe_violations(hub_page) == []

    # Sophie mentions her in a note on the lead: the bell rings, no mail.
    sales = new_context().new_page()
    login(sales, daphne_server, "sales")
    sales.goto(f"{daphne_server}/war-room/leads/{lead.pk}/")
    sales.get_by_label("Type").select_option("note")
    sales.get_by_label("Ce qui s'est passé").fill("@manager je la rappelle demain.")
    sales.get_by_role("button", name="Noter l'activité").click()
    sales.get_by_text("@manager je la rappelle demain.").wait_for()
    _wait_bell(hub_page, 1)
    about_the_lead = [m for m in smtp_server.messages if _about(manager.email, path)(m)]
    assert len(about_the_lead) == 1  # still only the quote's: the mention waits


def _wait_bell_hidden(page):
    page.wait_for_function("() => document.getElementById('bell-count').hidden")
