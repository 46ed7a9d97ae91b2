from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign, Recipient, Suppression
from tests.campaigns.factories import make_campaign, make_customers

pytestmark = pytest.mark.django_db


def _to(smtp):
    return sorted(rcpt for m in smtp.messages for rcpt in m["to"])


def test_send_reaches_a_real_smtp_server_with_the_headers_mail_clients_need(
    smtp, manager_user, django_capture_on_commit_callbacks
):
    make_customers(3)
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_send_start(campaign=campaign, by=manager_user)
    assert _to(smtp) == [
        "contact@client-0.fr",
        "contact@client-1.fr",
        "contact@client-2.fr",
    ]
    message = smtp.messages[0]["message"]
    recipient = Recipient.objects.get(email=smtp.messages[0]["to"][0])
    assert message["Subject"] == f"{recipient.first_name}, votre portail ?"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"].strip().startswith("<https://hub.example.fr/m/u/")
    )
    assert f"+r-{recipient.token}@hub.example.fr" in message["Reply-To"]
    assert message["Message-ID"].strip() == recipient.message_id
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "Bonjour Prénom" in html and "nos poseurs de Lyon" in html
    assert "https://hub.example.fr/m/c/" in html  # links are tracked
    assert "portails-lyon.example.fr/devis" not in html
    assert "Demander un devis (https://hub.example.fr/m/c/" in text
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert set(campaign.recipients.values_list("status", flat=True)) == {"sent"}


def test_the_envelope_sender_names_the_recipient_for_bounces(
    smtp, manager_user, django_capture_on_commit_callbacks
):
    make_customers(1)
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_send_start(campaign=campaign, by=manager_user)
    recipient = campaign.recipients.get()
    assert smtp.messages[0]["from"] == f"bounces+b-{recipient.token}@hub.example.fr"


def test_an_interrupted_send_resumes_without_mailing_anyone_twice(
    smtp, manager_user, django_capture_on_commit_callbacks
):
    make_customers(4)
    campaign = make_campaign()
    services.recipients_prepare(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.SENDING,
        heartbeat_at=timezone.now() - timedelta(minutes=10),
    )
    # The worker died: one mail sent, one handed to the server (maybe sent).
    first, second, *_ = campaign.recipients.order_by("pk")
    Recipient.objects.filter(pk=first.pk).update(status="sent")
    Recipient.objects.filter(pk=second.pk).update(status="sending")
    with django_capture_on_commit_callbacks(execute=True):
        resumed = services.sends_resume_stalled()
    assert resumed == [campaign.pk]
    # (the immediate test backend ran the resumed send at once)
    second.refresh_from_db()
    assert second.status == Recipient.Status.UNCERTAIN
    assert _to(smtp) == ["contact@client-2.fr", "contact@client-3.fr"]
    # A second resume finds nothing to send.
    assert services.send_batch(campaign_id=campaign.pk) == -1
    assert len(smtp.messages) == 2


def test_a_live_send_is_not_taken_over(manager_user):
    make_customers(1)
    campaign = make_campaign()
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.SENDING, heartbeat_at=timezone.now()
    )
    assert services.sends_resume_stalled() == []


def test_an_address_suppressed_during_the_send_is_skipped(smtp, manager_user):
    make_customers(2)
    campaign = make_campaign()
    services.recipients_prepare(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    Suppression.objects.create(email="contact@client-1.fr", reason="unsubscribed")
    assert services.send_batch(campaign_id=campaign.pk) == 0
    assert _to(smtp) == ["contact@client-0.fr"]
    assert campaign.recipients.get(email="contact@client-1.fr").status == "skipped"


def test_pause_stops_the_send_and_sending_again_goes_on(
    smtp, manager_user, django_capture_on_commit_callbacks
):
    make_customers(3)
    campaign = make_campaign()
    services.recipients_prepare(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    assert services.send_batch(campaign_id=campaign.pk, limit=1) == 2
    services.campaign_pause(campaign=campaign, by=manager_user)
    assert services.send_batch(campaign_id=campaign.pk) == -1
    assert len(smtp.messages) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_send_start(campaign=campaign, by=manager_user)
    assert len(_to(smtp)) == 3 == len(set(_to(smtp)))


def test_throttle_waits_between_messages(smtp):
    make_customers(3)
    campaign = make_campaign(per_minute=60)
    services.recipients_prepare(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    waits = []
    services.send_batch(campaign_id=campaign.pk, sleep=waits.append)
    assert len(waits) == 3 and all(0.5 < w <= 1.0 for w in waits)


def test_a_campaign_without_content_or_audience_cannot_be_sent(manager_user):
    campaign = make_campaign()
    campaign.body = []
    campaign.audience = None
    campaign.save()
    with pytest.raises(ValidationError) as error:
        services.campaign_send_start(campaign=campaign, by=manager_user)
    assert set(error.value.message_dict) == {"audience", "body"}


def test_test_send_goes_to_one_address_outside_the_ledger(smtp, manager_user):
    make_customers(2)
    campaign = make_campaign()
    services.campaign_test_send(campaign=campaign, to="moi@exemple.fr", by=manager_user)
    assert _to(smtp) == ["moi@exemple.fr"]
    assert smtp.messages[0]["message"]["Subject"].startswith("[TEST] ")
    assert not campaign.recipients.exists()
    with pytest.raises(ValidationError):
        services.campaign_test_send(
            campaign=campaign, to="pas-une-adresse", by=manager_user
        )


def test_missing_personal_fields_leave_no_hole():
    from campaigns.mail import personalise

    assert personalise("Bonjour {first_name},", {}, escape=True) == "Bonjour,"
    assert personalise(
        "Bonjour {first_name} !", {"first_name": "Zoé"}, escape=True
    ) == ("Bonjour Zoé !")
    assert personalise("{company}", {"company": "<b>A&B</b>"}, escape=True) == (
        "&lt;b&gt;A&amp;B&lt;/b&gt;"
    )
