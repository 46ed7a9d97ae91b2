"""Demo data for the war room: companies, leads over 12 months from every channel
(many from the microsites' forms, many found by non-sales employees), activities,
stage moves and won deals, so the dashboard answers "websites vs war room".

Idempotent: seeded leads carry an `import_key` starting with "seed:"; a second
run finds them and stops. Everything goes through the services (intake, moves,
activities); only the creation dates are backdated afterwards.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hub.progress import ProgressBar

from . import services
from .models import Lead, PipelineStage
from .seed_data import (
    CHANNEL_WEIGHTS,
    CHANNELS,
    FALLBACK_HOSTS,
    FINDER_WEIGHTS,
    FINDERS,
    KINDS,
    NAMES,
    NEEDS,
    PLACES,
    SECTORS,
)


def siren_for(number: int) -> str:
    base = f"{number:08d}"
    total = 0
    for index, char in enumerate(reversed(base)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return base + str((10 - total % 10) % 10)


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:40]


def microsite_targets() -> list[dict]:
    """The microsites that exist (Wagtail sites other than the hub's), else
    plausible hostnames so the dashboard still shows the split."""
    from wagtail.models import Site

    sites = [
        {
            "site_id": s.pk,
            "site_name": s.site_name or s.hostname,
            "hostname": s.hostname,
        }
        for s in Site.objects.filter(is_default_site=False).order_by("pk")
    ]
    return sites or [
        {"site_name": h.split(".")[0], "hostname": h} for h in FALLBACK_HOSTS
    ]


def _companies(rng: random.Random, count: int) -> list[dict]:
    companies = []
    for index in range(count):
        city, postal, region = PLACES[index % len(PLACES)]
        kind = KINDS[index % len(KINDS)]
        name = (
            f"{kind} {rng.choice(NAMES)}"
            if kind != "Mairie de"
            else f"Mairie de {city}"
        )
        name = f"{name} {index // len(KINDS) + 1}" if index >= len(KINDS) * 3 else name
        slug = _slug(f"{name}-{index}")
        companies.append(
            {
                "name": name,
                "website": f"https://www.{slug}.fr",
                "siren": siren_for(40_000_000 + index),
                "sector": rng.choice(SECTORS),
                "region": region,
                "city": city,
                "postal_code": postal,
                "_slug": slug,
            }
        )
    return companies


def _created_at(rng: random.Random, now, channel: str):
    # The war room ramps up over the year; the websites bring a steady flow.
    if channel == "war_room" and rng.random() < 0.06:
        # A few finds logged today: the weekly leaderboard is never empty.
        return now - timedelta(minutes=rng.randrange(5, 60))
    if channel == "war_room":
        days = int(365 * (1 - rng.random() ** 0.6))
    else:
        days = rng.randrange(365)
    return now - timedelta(
        days=days, hours=rng.randrange(8, 18), minutes=rng.randrange(60)
    )


def seed_prospecting(*, stdout, small: bool = False) -> None:
    if Lead.objects.filter(import_key__startswith="seed:").exists():
        stdout.write("prospecting: demo leads already there, nothing to do\n")
        return
    services.stages_ensure()
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible on purpose
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=FINDERS)
    }
    finders = [
        (users[n], w)
        for n, w in zip(FINDERS, FINDER_WEIGHTS, strict=True)
        if n in users
    ]
    owners = [users[n] for n in ("sales", "manager") if n in users]
    sites = microsite_targets()
    n_companies, n_leads = (40, 70) if small else (300, 500)
    companies = _companies(rng, n_companies)
    now = timezone.now()
    # Past the first round, a lead goes to a customer whose earlier lead is
    # closed (a repeat order or a second try), else to a new company.
    closed: list[tuple[dict, object]] = []
    with ProgressBar(n_leads, "prospecting", stream=stdout) as bar:
        for index in range(n_leads):
            after = None
            if index < n_companies:
                company = companies[index]
            elif closed:
                company, after = closed.pop(rng.randrange(len(closed)))
            else:
                company = _companies(rng, index + 1)[index]
            channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
            with transaction.atomic():
                lead = _seed_lead(
                    rng, index, company, channel, finders, owners, sites, now, after
                )
            if lead is not None and lead.stage.kind != PipelineStage.Kind.OPEN:
                closed.append((company, lead.stage_changed_at))
            bar.advance()


def _seed_lead(rng, index, company, channel, finders, owners, sites, now, after):
    created = _created_at(rng, now, channel)
    if after is not None:
        created = after + (now - after) * rng.uniform(0.2, 0.9)
    finder = None
    if channel in ("war_room", "referral", "other") and finders:
        people, weights = zip(*finders, strict=True)
        finder = rng.choices(people, weights)[0]
    elif channel == "import" and owners:
        finder = owners[0]
    contact_first = rng.choice(
        ["Amélie", "Jean", "Claire", "Luc", "Sophie", "Marc", "Julie", "Paul"]
    )
    contact = {
        "first_name": contact_first,
        "last_name": rng.choice(NAMES),
        "role": rng.choice(
            [
                "Gérant",
                "Responsable achats",
                "Directeur technique",
                "Secrétaire de mairie",
            ]
        ),
        "email": f"{_slug(contact_first)}.{index}@{company['_slug']}.fr",
        "phone": f"0{rng.choice('1234579')}{rng.randrange(10**7, 10**8)}",
    }
    need = rng.choice(NEEDS).format(n=rng.choice([40, 80, 120, 250, 400, 600]))
    attribution = None
    source_url = ""
    if channel == "website":
        site = rng.choice(sites)
        host = site["hostname"]
        touch = {
            "utm_source": rng.choice(["google", "bing", "facebook", ""]),
            "utm_medium": rng.choice(["organic", "cpc", "social"]),
            "utm_campaign": rng.choice(
                ["", "printemps-portails", "clotures-agricoles"]
            ),
            "landing_url": f"http://{host}/",
            "at": created.isoformat(),
        }
        attribution = {
            **site,
            "page_url": f"http://{host}/contact/",
            "referrer": "https://www.google.fr/"
            if touch["utm_source"] == "google"
            else "",
            "first_touch": touch,
            "last_touch": touch,
            "submitted_at": created.isoformat(),
        }
    elif channel == "war_room":
        source_url = rng.choice(
            [
                f"https://www.pagesjaunes.fr/pros/{company['_slug']}",
                f"https://www.linkedin.com/company/{company['_slug']}",
                f"https://www.{company['_slug']}.fr/",
                f"https://www.marchespublics.gouv.fr/avis/{index}",
            ]
        )
    fields = {k: v for k, v in company.items() if not k.startswith("_")}
    result = services.lead_intake(
        source=channel,
        company=fields,
        contact=contact,
        found_by=finder,
        source_url=source_url,
        note=need,
        attribution=attribution,
        on_duplicate="attach",
        estimated_value=Decimal(
            rng.choice([1500, 3200, 4800, 7500, 12000, 18000, 26000, 42000])
        ),
        quiet=True,
        import_key=f"seed:{index}",
    )
    if not result.created:
        return None
    lead = result.lead
    Lead.objects.filter(pk=lead.pk).update(
        created_at=created,
        updated_at=created,
        stage_changed_at=created,
        last_activity_at=created,
    )
    lead.refresh_from_db()
    _seed_history(rng, lead, created, owners, now, channel)
    lead.refresh_from_db()
    return lead


def _seed_history(rng, lead, created, owners, now, channel):
    stages = {s.key: s for s in PipelineStage.objects.all()}
    owner = rng.choice(owners) if owners else None
    if owner:
        services.lead_update(lead=lead, by=owner, owner=owner)
    age = (now - created).days
    # Website leads convert a little better: they asked for a quote.
    win_rate = 0.34 if channel == "website" else 0.24
    path = ["contacted", "qualified", "quote_sent"]
    depth = min(len(path), int(rng.random() * 4 * min(1, age / 45 + 0.2)))
    when = created
    for key in path[:depth]:
        when = when + timedelta(days=rng.randrange(2, 12), hours=rng.randrange(6))
        if when >= now:
            return
        kind = {"contacted": "call", "qualified": "visit", "quote_sent": "quote"}[key]
        services.activity_log(
            lead=lead,
            kind=kind,
            by=owner,
            body=_activity_text(rng, kind),
            duration_minutes=rng.choice([5, 10, 20, 45])
            if kind in ("call", "visit")
            else None,
            occurred_at=when,
            quiet=True,
        )
        if rng.random() < 0.15:
            services.activity_log(
                lead=lead,
                kind="video_call",
                by=owner,
                body="Visio de présentation des gammes",
                duration_minutes=rng.choice([15, 25, 40]),
                occurred_at=when + timedelta(hours=2),
                quiet=True,
            )
        services.lead_move_stage(lead=lead, stage=stages[key], by=owner, at=when)
    if depth == len(path):
        when = when + timedelta(days=rng.randrange(5, 25))
        if when < now and rng.random() < win_rate / 0.55:
            amount = (
                lead.estimated_value * Decimal(rng.choice(["0.8", "1", "1.1", "1.3"]))
            ).quantize(Decimal("1"))
            services.lead_move_stage(
                lead=lead, stage=stages["won"], by=owner, won_amount=amount, at=when
            )
        elif when < now and rng.random() < 0.5:
            services.lead_move_stage(
                lead=lead,
                stage=stages["lost"],
                by=owner,
                at=when,
                lost_reason=rng.choice(
                    ["Prix", "Délai", "Concurrent local", "Projet reporté"]
                ),
            )
    elif depth < 2 and age > 30 and rng.random() < 0.3:
        services.lead_move_stage(
            lead=lead,
            stage=stages["lost"],
            by=owner,
            at=when + timedelta(days=20),
            lost_reason="Sans réponse",
        )
    _seed_next_action(rng, lead, owner, now)


def _activity_text(rng, kind):
    texts = {
        "call": [
            "Premier appel, intéressé",
            "Rappel : attend le budget",
            "Joint le gérant",
        ],
        "visit": ["Visite du site, métré fait", "Rendez-vous sur place avec le maire"],
        "quote": ["Devis envoyé", "Devis révisé envoyé"],
    }
    return rng.choice(texts[kind])


def _seed_next_action(rng, lead, owner, now):
    lead.refresh_from_db()
    if lead.stage.kind != PipelineStage.Kind.OPEN or owner is None:
        return
    if rng.random() < 0.6:
        # Most open leads are being worked on; the rest go stale.
        services.activity_log(
            lead=lead,
            kind=rng.choice(["call", "email"]),
            by=owner,
            body=rng.choice(
                ["Relance faite", "Attend l'accord du conseil", "Envoi photos"]
            ),
            occurred_at=now
            - timedelta(days=rng.randrange(0, 12), hours=rng.randrange(8)),
            quiet=True,
        )
    if rng.random() < 0.3:
        return
    due = (now + timedelta(days=rng.randrange(-6, 15))).date()
    services.lead_update(
        lead=lead,
        by=owner,
        next_action=rng.choice(
            ["Relancer par téléphone", "Envoyer la brochure", "Caler une visite"]
        ),
        next_action_due=due,
    )
