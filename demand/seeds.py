"""Demo: the queue filled from the wiki's seeded searches, votes and red
links, a few customers' questions asked on the first microsites (through the
real question box service: answered from public articles, or queued), then
reviewed once, as the worker would at night."""

from __future__ import annotations

from wagtail.models import Site

from .collect import demand_collect
from .customers import customer_question_ask
from .models import CustomerQuestion
from .review import demand_review

CUSTOMER_QUESTIONS = (
    "mon portail frotte par terre",
    "poudre blanche sur mon grillage",
    "combien de temps pour la livraison ?",
    "quelle hauteur pour une clôture entre voisins",
    "garantie du moteur de portail",
    "portail coulissant ou battant pour une pente",
)


def _customer_questions() -> int:
    if CustomerQuestion.objects.exists():
        return 0
    sites = list(Site.objects.filter(is_default_site=False).order_by("pk")[:3])
    asked = 0
    for number, text in enumerate(CUSTOMER_QUESTIONS):
        if sites:
            customer_question_ask(site=sites[number % len(sites)], text=text)
            asked += 1
    return asked


def seed_demand(*, stdout) -> None:
    collected = demand_collect()
    asked = _customer_questions()
    reviewed = demand_review()
    stdout.write(
        f"  Questions : {collected['noted']} signaux, {asked} questions de clients, "
        f"{reviewed['checked']} relues, {reviewed['closed']} fermées\n"
    )
