"""Where the seeded leads come from: a site's form reached on its own or from
one of the year's campaigns (the attribution a microsite would send, UTM tags
included), the files the imports came in, the sales teams the dashboard
filters by. Used by seeds.py."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from .seed_data import IMPORT_BATCHES, IMPORT_FILES, ORGANIC_TAGS

# name: (members, manager) by username; teams only, no routing rule (the
# seeded owners are chosen by the seed, the demo's routing stays as set up).
TEAMS = {
    "Équipe Sud-Ouest": (("sales",), "manager"),
    "Grands comptes": (("manager",), "manager"),
}


@dataclass
class Arrival:
    """One planned lead: its rank, channel, arrival and what brought it."""

    index: int
    channel: str
    created: object
    detail: object = None  # the campaign (CAMPAIGNS row) or the import batch
    jobs: dict = field(default_factory=dict)


def web_attribution(rng: random.Random, site: dict, created, campaign=None) -> dict:
    """The attribution a microsite's form sends (microsites/attribution.py):
    the site, the page, the visit's UTM tags, the referrer."""
    host = site["hostname"]
    if campaign is not None:
        tag, source, medium = campaign[0], campaign[1], campaign[2]
        landing = f"http://{host}/?utm_source={source}&utm_campaign={tag}"
    else:
        (source, medium), tag = _organic(rng), ""
        landing = f"http://{host}/"
    touch = {
        "utm_source": source,
        "utm_medium": medium,
        "utm_campaign": tag,
        "landing_url": landing,
        "at": created.isoformat(),
    }
    searched = not source
    return {
        **site,
        "page_url": f"http://{host}/contact/",
        "referrer": "https://www.google.fr/" if searched else "",
        "first_touch": touch,
        "last_touch": touch,
        "submitted_at": created.isoformat(),
    }


def _organic(rng: random.Random) -> tuple[str, str]:
    tags, weights = zip(*ORGANIC_TAGS, strict=True)
    return rng.choices(tags, weights)[0]


def import_jobs(owners, now) -> dict:
    """{batch: ImportJob}: the file each import batch came in, so its leads
    say "Import salon-des-maires-2025.csv". Bookkeeping rows written as an
    import leaves them (status done), dated like the batch."""
    from .models import ImportJob

    if not owners:
        return {}
    jobs = {}
    for batch, (months, name) in enumerate(
        zip(IMPORT_BATCHES, IMPORT_FILES, strict=True)
    ):
        job, _created = ImportJob.objects.get_or_create(
            original_name=name,
            defaults={
                "created_by": owners[0],
                "status": ImportJob.Status.DONE,
                "created_at": now - timedelta(days=30 * months),
            },
        )
        jobs[batch] = job
    return jobs


def seed_teams(users: dict) -> None:
    """The sales teams (through the routing's own form and service), once."""
    from .forms_routing import TeamForm
    from .models import Team
    from .services import routing

    for name, (members, manager) in TEAMS.items():
        people = [users[u].pk for u in members if u in users]
        if Team.objects.filter(name=name).exists() or not people:
            continue
        form = TeamForm(
            data={
                "name": name,
                "members": people,
                "manager": users[manager].pk if manager in users else "",
            }
        )
        if form.is_valid():
            routing.routing_save(form=form, by=None)
