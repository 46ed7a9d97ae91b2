"""Demo: the appeal mailing of the story — sent ten days ago to the customers
of Auvergne-Rhône-Alpes in the name of a Lyon site — with its wave of requests
(some still waiting for an answer), and a draft for the next one."""

from __future__ import annotations

import random
import unicodedata
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from hub.progress import ProgressBar
from prospecting import services as war_room
from prospecting.models import Lead, PipelineStage

from .models import Audience, Campaign, Recipient, Suppression
from .services import recipients_prepare
from .services.responses import campaign_tag

APPEAL_SLUG = "souvenirs-qui-attendent"
RHONE_ALPES = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]
FIRST_NAMES = [
    "Claire",
    "Julien",
    "Nathalie",
    "Marc",
    "Sandrine",
    "Thomas",
    "Aurélie",
    "Pascal",
]
LAST_NAMES = [
    "Girard",
    "Bonnet",
    "Dupuis",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Morel",
    "Chevalier",
]
TOWNS = [
    ("Villeurbanne", "69100"),
    ("Grenoble", "38000"),
    ("Annecy", "74000"),
    ("Valence", "26000"),
]


def _ascii(address: str) -> str:
    folded = unicodedata.normalize("NFKD", address.lower())
    return folded.encode("ascii", "ignore").decode()


def _body(site_url: str) -> list:
    return [
        ("heading", "Vos projets de clôture attendent-ils encore ?"),
        (
            "paragraph",
            "<p>Bonjour {first_name},</p><p>Si vous avez encore des souvenirs qui "
            "attendent leur portail, ou un jardin qui attend sa clôture, c'est le "
            "moment : nos poseurs de la région ont des disponibilités ce printemps "
            "et nous tenons nos prix 2026 jusqu'à fin mars.</p>",
        ),
        ("button", {"text": "Demander mon devis gratuit", "url": site_url + "devis/"}),
        (
            "paragraph",
            "<p>Une question ? Répondez simplement à ce message : un conseiller de "
            "{city} vous rappelle dans la journée.</p>",
        ),
    ]


def _site():
    return (
        Site.objects.filter(hostname__contains="lyon").order_by("hostname").first()
        or Site.objects.filter(is_default_site=False).first()
    )


def seed_campaigns(*, stdout, small: bool = False) -> None:
    if Campaign.objects.filter(slug=APPEAL_SLUG).exists():
        stdout.write("campaigns: demo campaign already there, nothing to do\n")
        return
    rng = random.Random(18)  # noqa: S311 - demo data, reproducible on purpose
    site = _site()
    site_url = site.root_url + "/" if site else "https://www.example.fr/"
    manager = get_user_model().objects.filter(username="manager").first()
    audience = Audience.objects.create(
        name="Clients Auvergne-Rhône-Alpes",
        filters={"departments": RHONE_ALPES},
        created_by=manager,
    )
    sent_at = timezone.now() - timedelta(days=10)
    appeal = Campaign.objects.create(
        name="Vos souvenirs attendent leur portail",
        slug=APPEAL_SLUG,
        site=site,
        audience=audience,
        subject="{first_name}, votre portail attend-il encore ?",
        preheader="Poseurs disponibles ce printemps, prix 2026 tenus jusqu'à fin mars",
        body=_body(site_url),
        status=Campaign.Status.SENT,
        created_by=manager,
        started_at=sent_at,
        finished_at=sent_at + timedelta(hours=1),
    )
    Campaign.objects.create(
        name="Invitation Batimat 2027",
        slug="salon-batimat-2027",
        site=site,
        audience=audience,
        subject="Rendez-vous sur notre stand à Batimat",
        body=_body(site_url)[:2],
        created_by=manager,
    )
    recipients_prepare(campaign=appeal)
    _seed_history(rng, appeal, sent_at)
    _seed_wave(rng, appeal, sent_at, site, count=8 if small else 30, stdout=stdout)


def _seed_history(rng, campaign, sent_at) -> None:
    """What happened to the mails: most sent, a few bounced, clicks and replies."""
    for recipient in campaign.recipients.all():
        roll = rng.random()
        fields = {
            "status": Recipient.Status.SENT,
            "sent_at": sent_at + timedelta(minutes=rng.randrange(60)),
        }
        if roll < 0.03:
            fields = {"status": Recipient.Status.BOUNCED, "error": "5.1.1 user unknown"}
            Suppression.objects.get_or_create(
                email=recipient.email,
                defaults={"reason": Suppression.Reason.BOUNCED, "campaign": campaign},
            )
        elif roll < 0.30:
            fields["clicked_at"] = sent_at + timedelta(hours=rng.randrange(1, 72))
        if 0.03 <= roll < 0.08:
            fields["replied_at"] = sent_at + timedelta(hours=rng.randrange(1, 96))
        if 0.95 < roll:
            fields["unsubscribed_at"] = sent_at + timedelta(hours=rng.randrange(1, 48))
            Suppression.objects.get_or_create(
                email=recipient.email,
                defaults={
                    "reason": Suppression.Reason.UNSUBSCRIBED,
                    "campaign": campaign,
                },
            )
        Recipient.objects.filter(pk=recipient.pk).update(**fields)


def _seed_wave(rng, campaign, sent_at, site, *, count, stdout) -> None:
    """Quote requests through the mail's links, most in the first two days."""
    stages = {s.key: s for s in PipelineStage.objects.all()}
    owners = list(get_user_model().objects.filter(username__in=["sales", "manager"]))
    touch = {"utm_source": "hub", "utm_medium": "email", "utm_campaign": campaign.slug}
    with ProgressBar(count, "campaigns", stream=stdout) as bar:
        for index in range(count):
            hours = min(int(rng.expovariate(1 / 20)), 230)
            created = sent_at + timedelta(hours=hours, minutes=rng.randrange(60))
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            town, postcode = rng.choice(TOWNS)
            with transaction.atomic():
                result = war_room.lead_intake(
                    source="website",
                    company=f"{first} {last}",
                    contact={
                        "first_name": first,
                        "last_name": last,
                        "email": _ascii(f"{first}.{last}.{index}@exemple-client.fr"),
                    },
                    note="Demande de devis suite à l'e-mail : portail battant 3,5 m",
                    attribution={
                        "site_id": site.pk if site else None,
                        "last_touch": touch,
                        "first_touch": touch,
                        "campaign": campaign_tag(campaign),
                    },
                    estimated_value=Decimal(rng.choice([1800, 2600, 3400, 4200])),
                    quiet=True,
                    import_key=f"seed-campaign:{index}",
                )
                lead = result.lead
                if owners:
                    owner = owners[index % len(owners)]
                    war_room.lead_update(lead=lead, by=owners[0], owner=owner)
                # After the services' saves, which write every column.
                answered = None if index % 3 == 0 else created + timedelta(hours=3)
                Lead.objects.filter(pk=lead.pk).update(
                    created_at=created,
                    updated_at=created,
                    last_activity_at=created,
                    first_contact_at=answered,
                )
                if index % 4 == 1:
                    lead.refresh_from_db()
                    war_room.lead_move_stage(
                        lead=lead,
                        stage=stages["won"],
                        by=owners[0] if owners else None,
                        won_amount=lead.estimated_value,
                        at=created + timedelta(days=4),
                    )
            bar.advance()
