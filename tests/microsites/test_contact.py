"""Contact form → stored submission + war-room lead with attribution and dedupe;
spam defence; nothing lost on errors."""

import re
import time

import pytest
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from microsites import spam
from microsites.models import ContactPage, ContactRequest
from prospecting.models import Lead

HOST = "portails-bordeaux.localhost"


def form_data(**overrides):
    data = {
        "nom_et_prenom": "Jeanne Martin",
        "societe": "Résidence Les Pins",
        "e_mail": "jeanne@lespins.example",
        "telephone": "06 12 34 56 78",
        "code_postal": "33000",
        "votre_projet": "Portail coulissant 4 m",
        spam.STARTED_FIELD: spam.started_token(time.time() - 60),
    }
    data.update(overrides)
    return data


def contact(site):
    return ContactPage.objects.descendant_of(site.root_page).get()


@pytest.mark.django_db
def test_form_page_shows_fields_and_spam_traps(client, bordeaux):
    response = client.get("/devis/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert 'name="e_mail"' in response.text and 'name="votre_projet"' in response.text
    assert f'name="{spam.HONEYPOT_FIELD}"' in response.text
    assert f'name="{spam.STARTED_FIELD}"' in response.text
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_submission_is_stored_and_becomes_an_attributed_lead(bordeaux):
    client = Client(HTTP_HOST=HOST)
    landing = client.get(
        "/portail-battant/?utm_source=google&utm_medium=cpc&utm_campaign=printemps",
        HTTP_REFERER="https://www.google.fr/",
    )
    assert "ms_first_touch" in landing.cookies
    client.get("/")  # browsing on keeps the first touch
    response = client.post(
        "/devis/?utm_campaign=relance", form_data(), HTTP_REFERER=f"http://{HOST}/"
    )
    assert response.status_code == 303
    assert response["Location"].startswith("/devis/merci/?r=")
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "data-contact-sent" in thanks.text
    assert "noindex" in thanks.text and "no-cache" in thanks["Cache-Control"]
    page = contact(bordeaux)
    submission = FormSubmission.objects.get(page=page)
    assert submission.get_data()["e_mail"] == "jeanne@lespins.example"
    assert spam.HONEYPOT_FIELD not in submission.form_data
    lead = Lead.objects.get()
    assert lead.source == "website"
    assert lead.company.name == "Résidence Les Pins"
    data = lead.attribution
    assert data["site_id"] == bordeaux.pk and data["hostname"] == HOST
    assert data["site_name"] == "Portails Bordeaux"
    assert data["page_id"] == page.pk and data["page_url"].endswith("/devis/")
    assert data["first_touch"]["utm_source"] == "google"
    assert data["first_touch"]["utm_campaign"] == "printemps"
    assert data["first_touch"]["referrer"] == "https://www.google.fr/"
    assert data["referrer"] == "https://www.google.fr/"  # not the form page
    assert "/portail-battant/" in data["first_touch"]["landing_url"]
    assert data["last_touch"]["utm_campaign"] == "relance"
    assert data["submitted_at"]
    assert "Portail coulissant 4 m" in lead.note


@pytest.mark.django_db
def test_second_request_attaches_to_the_same_lead(client, bordeaux):
    client.post("/devis/", form_data(), HTTP_HOST=HOST)
    client.post("/devis/", form_data(votre_projet="Et un portillon"), HTTP_HOST=HOST)
    assert FormSubmission.objects.count() == 2
    lead = Lead.objects.get()
    assert lead.activities.filter(body__contains="Et un portillon").exists()


@pytest.mark.django_db
def test_honeypot_pretends_success_and_stores_nothing(client, bordeaux):
    response = client.post(
        "/devis/", form_data(**{spam.HONEYPOT_FIELD: "http://spam"}), HTTP_HOST=HOST
    )
    assert response.status_code == 200 and "data-contact-sent" in response.text
    assert FormSubmission.objects.count() == 0 and Lead.objects.count() == 0


@pytest.mark.django_db
def test_too_fast_submission_asks_to_send_again_and_keeps_everything(client, bordeaux):
    """Sent before contact.js could wait (slow network): a calm notice, not an
    error; every value kept, the first display's token kept (the time counts
    from then), nothing stored; sending again later goes through."""
    started = spam.started_token(time.time() - 1)
    response = client.post(
        "/devis/", form_data(**{spam.STARTED_FIELD: started}), HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert "data-send-again" in response.text and "ms-alert-error" not in response.text
    assert 'value="Jeanne Martin"' in response.text
    assert "Portail coulissant 4 m" in response.text
    assert f'value="{started}"' in response.text
    # contact.js waits out what is left of the minimum (3 s by default)
    wait = float(response.text.split('data-min-seconds="')[1].split('"')[0])
    assert 1 < wait <= 2
    assert Lead.objects.count() == 0 and FormSubmission.objects.count() == 0
    again = client.post(
        "/devis/",
        form_data(**{spam.STARTED_FIELD: spam.started_token(time.time() - 4)}),
        HTTP_HOST=HOST,
    )
    assert again.status_code == 303
    assert Lead.objects.count() == 1


@pytest.mark.django_db
def test_too_fast_with_other_errors_or_honeypot_is_an_error(client, bordeaux):
    fresh = {spam.STARTED_FIELD: spam.started_token()}
    response = client.post("/devis/", form_data(e_mail="", **fresh), HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "ms-alert-error" in response.text and "data-send-again" not in response.text
    assert 'value="Jeanne Martin"' in response.text
    trapped = form_data(**fresh, **{spam.HONEYPOT_FIELD: "http://spam"})
    response = client.post("/devis/", trapped, HTTP_HOST=HOST)
    assert response.status_code == 400 and "data-send-again" not in response.text
    assert Lead.objects.count() == 0 and FormSubmission.objects.count() == 0


@pytest.mark.django_db
def test_contact_script_loads_early_from_the_head(client, bordeaux):
    html = client.get("/devis/", HTTP_HOST=HOST).text
    head = html.split("</head>")[0]
    assert 'microsites/js/contact.js" defer' in head
    assert float(html.split('data-min-seconds="')[1].split('"')[0]) > 2.9


@pytest.mark.django_db
def test_forged_timestamp_is_refused_with_a_fresh_one(client, bordeaux):
    response = client.post(
        "/devis/", form_data(**{spam.STARTED_FIELD: "forged"}), HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert 'value="forged"' not in response.text
    assert 'value="jeanne@lespins.example"' in response.text
    assert FormSubmission.objects.count() == 0


@pytest.mark.django_db
def test_missing_fields_show_errors_and_keep_input(client, bordeaux):
    response = client.post(
        "/devis/", form_data(e_mail="", votre_projet="Garder ce texte"), HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert "has-error" in response.text and "Garder ce texte" in response.text
    assert Lead.objects.count() == 0


@pytest.mark.django_db
def test_data_refused_by_the_war_room_is_shown_next_to_the_field(client, bordeaux):
    response = client.post(
        "/devis/", form_data(telephone="pas un numéro"), HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert 'value="pas un numéro"' in response.text
    field_block = response.text.split('name="telephone"')[1].split("ms-field")[0]
    assert "ms-errors" in field_block
    assert FormSubmission.objects.count() == 0 and Lead.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_per_ip(client, bordeaux, settings):
    settings.MICROSITES_RATE_LIMIT = 2
    for n in range(2):
        ok = client.post("/devis/", form_data(e_mail=f"p{n}@x.example"), HTTP_HOST=HOST)
        assert ok.status_code == 303
    response = client.post("/devis/", form_data(e_mail="p3@x.example"), HTTP_HOST=HOST)
    assert response.status_code == 429
    assert 'value="p3@x.example"' in response.text
    other_ip = client.post(
        "/devis/",
        form_data(e_mail="p4@x.example"),
        HTTP_HOST=HOST,
        REMOTE_ADDR="10.0.0.9",
    )
    assert other_ip.status_code == 303
    assert FormSubmission.objects.count() == 3


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(bordeaux):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    response = client.post("/devis/", form_data())
    assert response.status_code == 403
    assert FormSubmission.objects.count() == 0


@pytest.mark.django_db
def test_a_refresh_or_a_double_click_sends_one_request(client, bordeaux):
    """The form carries a key per display: the same key sent again (a double
    click, the browser's "resend" on refresh) is the same request — one lead,
    one submission, the same thank-you page."""
    page = client.get("/devis/", HTTP_HOST=HOST).text
    key = re.search(rf'name="{spam.REQUEST_KEY_FIELD}" value="([0-9a-f]{{32}})"', page)
    assert key, "the form carries its idempotency key"
    data = form_data(**{spam.REQUEST_KEY_FIELD: key.group(1)})
    first = client.post("/devis/", data, HTTP_HOST=HOST)
    again = client.post("/devis/", data, HTTP_HOST=HOST)
    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"]
    assert FormSubmission.objects.count() == 1 and Lead.objects.count() == 1
    assert ContactRequest.objects.get().lead_id == Lead.objects.get().pk
    thanks = client.get(first["Location"], HTTP_HOST=HOST)
    assert thanks.status_code == 200 and "data-contact-sent" in thanks.text
    refreshed = client.get(first["Location"], HTTP_HOST=HOST)  # GET: nothing sent
    assert refreshed.status_code == 200 and FormSubmission.objects.count() == 1


@pytest.mark.django_db
def test_the_thank_you_page_ignores_a_forged_reference(client, bordeaux):
    response = client.get("/devis/merci/?r=forged", HTTP_HOST=HOST)
    assert response.status_code == 200 and "data-contact-sent" in response.text
    assert response.context["contact_request"] is None
    assert client.get("/devis/merci/nope/", HTTP_HOST=HOST).status_code == 404


@pytest.mark.django_db
def test_a_bad_key_is_replaced_not_an_error(client, bordeaux):
    data = form_data(**{spam.REQUEST_KEY_FIELD: "<script>"})
    assert client.post("/devis/", data, HTTP_HOST=HOST).status_code == 303
    assert len(ContactRequest.objects.get().key) == 32


@pytest.mark.django_db
def test_the_lead_keeps_the_form_as_typed(client, bordeaux):
    client.post("/devis/", form_data(), HTTP_HOST=HOST)
    received = Lead.objects.get().received
    assert received["Votre projet"] == "Portail coulissant 4 m"
    assert received["Téléphone"] == "06 12 34 56 78"
