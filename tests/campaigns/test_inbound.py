from email.message import EmailMessage

import pytest
from django.core.management import call_command

from campaigns import services
from campaigns.models import Recipient, Suppression
from prospecting.models import Lead
from tests.campaigns.factories import (
    delivery_status_notice,
    make_campaign,
    make_customers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(smtp, manager_user, django_capture_on_commit_callbacks):
    leads = make_customers(2)
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_send_start(campaign=campaign, by=manager_user)
    return leads, campaign


def test_a_hard_bounce_suppresses_the_address(sent):
    _leads, campaign = sent
    recipient = campaign.recipients.order_by("pk").first()
    raw = delivery_status_notice(
        to=f"bounces+b-{recipient.token}@hub.example.fr",
        final=recipient.email,
        status="5.1.1",
    )
    result = services.inbound_process(raw)
    assert result.kind == "bounce" and result.recipient == recipient
    recipient.refresh_from_db()
    assert recipient.status == Recipient.Status.BOUNCED
    assert Suppression.objects.get(email=recipient.email).reason == "bounced"


def test_a_bounce_found_by_the_quoted_message_id(sent):
    _leads, campaign = sent
    recipient = campaign.recipients.order_by("pk").last()
    raw = delivery_status_notice(
        to="bounces@hub.example.fr",
        final="x@y.fr",
        status="5.2.1",
        original_id=recipient.message_id,
    )
    assert services.inbound_process(raw).recipient == recipient


def test_a_delay_notice_suppresses_nothing(sent):
    _leads, campaign = sent
    recipient = campaign.recipients.first()
    raw = delivery_status_notice(
        to=f"bounces+b-{recipient.token}@hub.example.fr",
        final=recipient.email,
        status="4.4.7",
    )
    assert services.inbound_process(raw).kind == "soft_bounce"
    assert not Suppression.objects.exists()


def _reply(*, sender: str, to: str, text: str, **headers) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        sender,
        to,
        "Re: votre portail ?",
    )
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return message.as_bytes()


def test_a_reply_lands_on_the_lead_of_its_sender(sent):
    leads, campaign = sent
    recipient = campaign.recipients.get(email="contact@client-0.fr")
    raw = _reply(
        sender="Prénom0 Martin <contact@client-0.fr>",
        to=f"replies+r-{recipient.token}@hub.example.fr",
        text="Oui, rappelez-moi pour un portail coulissant.\n\n"
        "Le 2 déc. a écrit :\n> Bonjour",
    )
    result = services.inbound_process(raw)
    assert result.kind == "reply" and result.lead_id == leads[0].pk
    activity = leads[0].activities.get(kind="email")
    assert "portail coulissant" in activity.body and "> Bonjour" not in activity.body
    assert activity.data["campaign"] == {
        "key": "souvenirs",
        "name": "Vos souvenirs attendent",
    }


def test_a_forwarded_reply_from_someone_new_becomes_a_campaign_lead(sent):
    _leads, campaign = sent
    recipient = campaign.recipients.get(email="contact@client-1.fr")
    raw = _reply(
        sender="Paul Voisin <paul.voisin@autre-societe.fr>",
        to="replies@hub.example.fr",
        text="Mon collègue m'a transmis votre offre, je veux un devis.",
        In_Reply_To=recipient.message_id,
    )
    result = services.inbound_process(raw)
    lead = Lead.objects.get(pk=result.lead_id)
    assert lead.contact.email == "paul.voisin@autre-societe.fr"
    assert lead.channel == "campaign" and lead.utm_campaign == "souvenirs"


def test_automatic_replies_are_ignored(sent):
    _leads, campaign = sent
    recipient = campaign.recipients.first()
    raw = _reply(
        sender=recipient.email,
        to=f"replies+r-{recipient.token}@hub.example.fr",
        text="Je suis absent jusqu'au 5.",
        Auto_Submitted="auto-replied",
    )
    assert services.inbound_process(raw).kind == "ignored"


def test_the_mail_in_command_reads_a_maildir(sent, tmp_path):
    _leads, campaign = sent
    recipient = campaign.recipients.first()
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "1.eml").write_bytes(
        delivery_status_notice(
            to=f"bounces+b-{recipient.token}@hub.example.fr",
            final=recipient.email,
            status="5.1.1",
        )
    )
    from io import StringIO

    out = StringIO()
    call_command("campaign_mail_in", str(tmp_path), stdout=out)
    assert "bounce: 1" in out.getvalue()
    assert (tmp_path / "cur" / "1.eml").exists() and not list(
        (tmp_path / "new").iterdir()
    )
