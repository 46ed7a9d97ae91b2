"""Demo data for the war room: companies, leads over 12 months from every channel
(many from the microsites' forms, many found by non-sales employees), activities,
stage moves and won deals, so the dashboard answers "websites vs war room".

Dates look like a real year: the season of the trade (spring and early autumn),
a war room that ramps up, imports in a few batches, deals won weeks after the
lead came in.

Idempotent: seeded leads carry an `import_key` starting with "seed:"; a second
run finds them and stops. Everything goes through the services (intake, moves,
activities); only the creation dates are backdated afterwards.
"""

from __future__ import annotations

import random
from calendar import monthrange
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hub.progress import ProgressBar

from . import services, stats
from .models import Lead, PipelineStage
from .seed_data import (
    CAMPAIGNS,
    CHANNEL_WEIGHTS,
    CHANNELS,
    FALLBACK_HOSTS,
    FINDER_WEIGHTS,
    FINDERS,
    IMPORT_BATCHES,
    KINDS,
    NAMES,
    NEEDS,
    PLACES,
    SEASON,
    SECTORS,
    SEED_MONTHS,
    VALUE_WEIGHTS,
    VALUES,
    WAR_ROOM_RAMP,
)
from .seed_history import seed_history
from .seed_origin import Arrival, import_jobs, seed_teams, web_attribution


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


def month_weights(today: date, channel: str) -> list[tuple[date, float]]:
    """(first day, weight) of the SEED_MONTHS months up to `today`, oldest
    first: the season, the war room's ramp-up, only the elapsed part of this
    month."""
    months = stats.month_starts(SEED_MONTHS, today=today)
    low, high = WAR_ROOM_RAMP
    weights = []
    for index, start in enumerate(months):
        weight = SEASON[start.month]
        if channel == "war_room":
            weight *= low + (high - low) * index / (len(months) - 1)
        if start == months[-1]:
            weight *= today.day / monthrange(today.year, today.month)[1]
        weights.append((start, weight))
    return weights


def _campaign_day(rng: random.Random, today: date, campaign) -> date:
    """A day of one of the months the campaign ran, within the seeded window."""
    months = [
        m
        for m in stats.month_starts(SEED_MONTHS, today=today)
        if m.month in campaign[3]
    ]
    start = rng.choice(months)
    return _day_in(rng, start, today)


def _day_in(rng: random.Random, start: date, today: date) -> date:
    if (start.year, start.month) == (today.year, today.month):
        last = today.day
    else:
        last = monthrange(start.year, start.month)[1]
    return start.replace(day=rng.randint(1, last))


def _planned(rng: random.Random, now, channel: str) -> tuple:
    """(arrival, channel, detail): detail is the campaign of a campaign lead,
    the batch of an import."""
    today = timezone.localdate(now)
    detail = None
    if channel == "war_room" and rng.random() < 0.05:
        # A few finds this week, some today: the weekly leaderboard is never
        # empty, whatever day the demo is seeded.
        day = today - timedelta(days=rng.randint(0, today.weekday()))
        if day == today:
            return now - timedelta(minutes=rng.randrange(5, 60)), channel, None
    elif channel == "import":
        detail = rng.randrange(len(IMPORT_BATCHES))
        day = today - timedelta(days=30 * IMPORT_BATCHES[detail])
    elif channel == "campaign":
        detail = rng.choices(CAMPAIGNS, [c[4] for c in CAMPAIGNS])[0]
        day = _campaign_day(rng, today, detail)
    else:
        months, weights = zip(*month_weights(today, channel), strict=True)
        day = _day_in(rng, rng.choices(months, weights)[0], today)
    moment = timezone.make_aware(
        datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)))
    )
    return min(moment, now - timedelta(minutes=rng.randrange(5, 60))), channel, detail


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
    # Channels and dates first, then the leads in time order: a lead can go back
    # to a customer whose earlier lead closed before it, and the months keep the
    # shape month_weights gives them.
    channels = rng.choices(CHANNELS, CHANNEL_WEIGHTS, k=n_leads)
    plan = sorted(
        (_planned(rng, now, channel) for channel in channels), key=lambda p: p[0]
    )
    closed: list[tuple[dict, datetime]] = []
    fresh = iter(companies)
    jobs = import_jobs(owners, now)
    seed_teams(users)
    with ProgressBar(n_leads, "prospecting", stream=stdout) as bar:
        for index, (created, channel, detail) in enumerate(plan):
            company = _next_company(rng, created, closed, fresh)
            if company is None:
                company = _companies(rng, index + 1)[index]
            arrival = Arrival(index, channel, created, detail, jobs)
            with transaction.atomic():
                lead = _seed_lead(rng, arrival, company, finders, owners, sites, now)
            if lead is not None and lead.stage.kind != PipelineStage.Kind.OPEN:
                closed.append((company, lead.stage_changed_at))
            bar.advance()


def _next_company(rng, created, closed, fresh) -> dict | None:
    """Two times in five a customer whose earlier lead closed before `created`
    (a repeat order or a second try), else the next new company."""
    ready = [i for i, (_company, closed_at) in enumerate(closed) if closed_at < created]
    if ready and rng.random() < 0.4:
        return closed.pop(rng.choice(ready))[0]
    company = next(fresh, None)
    if company is None and ready:
        return closed.pop(rng.choice(ready))[0]
    return company


def _seed_lead(rng, arrival, company, finders, owners, sites, now):
    index, channel, created = arrival.index, arrival.channel, arrival.created
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
    if channel in ("website", "campaign"):
        attribution = web_attribution(rng, rng.choice(sites), created, arrival.detail)
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
        # A campaign's requests come through a site's form: source "website",
        # the tags make the channel (prospecting.attribution).
        source="website" if channel == "campaign" else channel,
        company=fields,
        contact=contact,
        found_by=finder,
        source_url=source_url,
        note=need,
        attribution=attribution,
        on_duplicate="attach",
        estimated_value=Decimal(rng.choices(VALUES, VALUE_WEIGHTS)[0]),
        quiet=True,
        import_key=f"seed:{index}",
    )
    if not result.created:
        return None
    lead = result.lead
    backdated = {
        "created_at": created,
        "updated_at": created,
        "stage_changed_at": created,
        "last_activity_at": created,
        "import_job": arrival.jobs.get(arrival.detail) if channel == "import" else None,
    }
    if lead.callback_due_at:
        # The promise ran from the request, not from the seeding.
        backdated["callback_due_at"] = created + (
            lead.callback_due_at - lead.created_at
        )
    Lead.objects.filter(pk=lead.pk).update(**backdated)
    lead.refresh_from_db()
    seed_history(rng, lead, created, owners, now, channel)
    lead.refresh_from_db()
    return lead
