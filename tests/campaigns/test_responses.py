import re
from urllib.parse import parse_qs, urlsplit

import pytest

from campaigns import mail, services
from campaigns.models import Click, Recipient, Suppression
from tests.campaigns.factories import make_campaign, make_customers

pytestmark = pytest.mark.django_db


def _sent(smtp, manager_user, capture):
    leads = make_customers(1)
    campaign = make_campaign()
    with capture(execute=True):
        services.campaign_send_start(campaign=campaign, by=manager_user)
    html = smtp.messages[0]["message"].get_body(("html",)).get_content()
    return leads[0], campaign, campaign.recipients.get(), html


def test_a_click_redirects_with_the_campaign_tags_and_lands_on_the_lead(
    client, smtp, manager_user, django_capture_on_commit_callbacks
):
    lead, campaign, recipient, html = _sent(
        smtp, manager_user, django_capture_on_commit_callbacks
    )
    link = re.search(r'href="(https://hub.example.fr/m/c/[^"]+)"', html).group(1)
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.netloc == "portails-lyon.example.fr" and target.path == "/devis/"
    assert parse_qs(target.query) == {
        "utm_source": ["hub"],
        "utm_medium": ["email"],
        "utm_campaign": ["souvenirs"],
    }
    recipient.refresh_from_db()
    assert recipient.clicked_at and recipient.lead == lead
    assert Click.objects.filter(recipient=recipient).count() == 1
    note = lead.activities.get(kind="note")
    assert "Vos souvenirs attendent" in note.body and note.data["event"] == "click"
    client.get(urlsplit(link).path)  # a second click is counted, not re-logged
    assert (
        Click.objects.count() == 2 and lead.activities.filter(kind="note").count() == 1
    )


def test_a_forged_click_link_is_not_an_open_redirect(client):
    assert client.get("/m/c/forged-value/").status_code == 404
    signed = mail.click_url("sometoken", "https://evil.example/")
    tampered = signed.replace("/m/c/", "/m/c/x")
    assert client.get(urlsplit(tampered).path).status_code == 404


def test_one_click_unsubscribe_by_post_without_csrf(
    smtp, manager_user, django_capture_on_commit_callbacks
):
    from django.test import Client

    _lead, campaign, recipient, _html = _sent(
        smtp, manager_user, django_capture_on_commit_callbacks
    )
    url = smtp.messages[0]["message"]["List-Unsubscribe"].strip().strip("<>")
    path = urlsplit(url).path
    strict = Client(enforce_csrf_checks=True)
    # GET only asks (link scanners must not unsubscribe people).
    assert strict.get(path).status_code == 200
    assert not Suppression.objects.exists()
    response = strict.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    suppression = Suppression.objects.get(email=recipient.email)
    assert suppression.reason == "unsubscribed" and suppression.detail == "one-click"
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None
    # The next campaign to the same people leaves them out.
    follow_up = make_campaign(slug="relance")
    assert services.recipients_prepare(campaign=follow_up) == 0


def test_an_unsubscribe_link_with_a_bad_signature_is_404(client):
    assert client.post("/m/u/not-signed/").status_code == 404


def test_unsubscribe_page_is_in_french_for_recipients(
    client, smtp, manager_user, django_capture_on_commit_callbacks
):
    _sent(smtp, manager_user, django_capture_on_commit_callbacks)
    path = urlsplit(
        smtp.messages[0]["message"]["List-Unsubscribe"].strip().strip("<>")
    ).path
    response = client.post(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert Recipient.objects.filter(unsubscribed_at__isnull=False).count() == 1
