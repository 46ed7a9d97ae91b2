"""Campaign test data through the real services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from campaigns.models import Audience, Campaign, Recipient
from campaigns.services.responses import campaign_tag
from prospecting import services as war_room
from prospecting.models import PipelineStage
from tests.prospecting.factories import make_lead

BODY = [
    ("heading", "Votre portail attend-il encore ?"),
    (
        "paragraph",
        "<p>Bonjour {first_name}, nos poseurs de {city} sont disponibles.</p>",
    ),
    (
        "button",
        {"text": "Demander un devis", "url": "https://portails-lyon.example.fr/devis/"},
    ),
]


def make_customers(n=3, *, postal_code="69003", domain="client-{i}.fr", **lead_kwargs):
    leads = []
    for i in range(n):
        leads.append(
            make_lead(
                f"Client {i} {postal_code}",
                company={
                    "name": f"Client {i} {postal_code}",
                    "postal_code": postal_code,
                    "city": "Lyon",
                },
                contact={
                    "first_name": f"Prénom{i}",
                    "last_name": "Martin",
                    "email": f"contact@{domain.format(i=i, postal=postal_code)}",
                },
                quiet=True,
                **lead_kwargs,
            )
        )
    return leads


def make_campaign(*, filters=None, slug="souvenirs", per_minute=100_000, **kwargs):
    audience = Audience.objects.create(
        name="Rhône", filters=filters or {"departments": ["69"]}
    )
    return Campaign.objects.create(
        name="Vos souvenirs attendent",
        slug=slug,
        audience=audience,
        subject="{first_name}, votre portail ?",
        body=BODY,
        per_minute=per_minute,
        **kwargs,
    )


def mark_sent(campaign, *, sent=4, clicked=2, replied=1, days_ago=3):
    """A campaign sent `days_ago`, with its ledger (no mail leaves)."""
    started = timezone.now() - timedelta(days=days_ago)
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.SENT, started_at=started
    )
    Recipient.objects.bulk_create(
        [
            Recipient(
                campaign=campaign,
                email=f"r{i}@client-{i}.fr",
                status=Recipient.Status.SENT,
                clicked_at=started if i < clicked else None,
                replied_at=started if i < replied else None,
            )
            for i in range(sent)
        ]
    )


def make_campaign_lead(campaign, name, *, by, won=None, value=None):
    """A lead the campaign brought (its tag in the attribution), maybe won."""
    lead = war_room.lead_intake(
        source="campaign",
        company=name,
        contact={"email": f"contact@{name.lower().replace(' ', '-')}.fr"},
        attribution={"campaign": campaign_tag(campaign)},
        estimated_value=Decimal(value) if value else None,
        quiet=True,
    ).lead
    if won is not None:
        stage = PipelineStage.objects.filter(kind=PipelineStage.Kind.WON).first()
        war_room.lead_move_stage(lead=lead, stage=stage, by=by, won_amount=won)
    return lead


def delivery_status_notice(
    *, to: str, final: str, status: str = "5.1.1", original_id: str = ""
) -> bytes:
    """A mail server's bounce (RFC 3464 DSN) for `final`, sent to `to`."""
    return f"""From: MAILER-DAEMON@mx.client.fr
To: {to}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.client.fr

Final-Recipient: rfc822; {final}
Action: failed
Status: {status}
Diagnostic-Code: smtp; 550 {status} User unknown

--B
Content-Type: text/rfc822-headers

Message-ID: {original_id}
Subject: Vos souvenirs

--B--
""".replace("\n", "\r\n").encode()
