"""What happens to a seeded lead after it arrives: the owner's first contact
(within hours for a web request, the site promised a callback; days for a find),
the moves through the pipeline, a won or lost ending, the next action. Through
the services, backdated, as in seeds.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from . import services
from .models import PipelineStage

# Channels whose leads asked for a callback on a site's form.
WEB_CHANNELS = ("website", "campaign")


def first_contact_delay(rng, channel: str) -> timedelta:
    """Web requests are called back within hours (most within the morning, a
    few after a weekend); finds are called within days."""
    if channel in WEB_CHANNELS:
        if rng.random() < 0.75:
            return timedelta(minutes=rng.randrange(15, 8 * 60))
        return timedelta(hours=rng.uniform(8, 72))
    return timedelta(days=rng.randrange(1, 8), hours=rng.randrange(6))


def seed_history(rng, lead, created, owners, now, channel):
    stages = {s.key: s for s in PipelineStage.objects.all()}
    owner = rng.choice(owners) if owners else None
    if owner:
        services.lead_update(lead=lead, by=owner, owner=owner)
    age = (now - created).days
    # Web leads convert a little better: they asked for a quote.
    win_rate = 0.6 if channel in WEB_CHANNELS else 0.45
    path = ["contacted", "qualified", "quote_sent"]
    depth = _funnel_depth(rng, len(path))
    when = created
    for step, key in enumerate(path[:depth]):
        if step == 0:
            when = when + first_contact_delay(rng, channel)
        else:
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
        if when < now and rng.random() < win_rate:
            amount = (
                lead.estimated_value * Decimal(rng.choice(["0.8", "1", "1.1", "1.3"]))
            ).quantize(Decimal("1"))
            services.lead_move_stage(
                lead=lead, stage=stages["won"], by=owner, won_amount=amount, at=when
            )
        elif when < now and rng.random() < 0.6:
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


def _funnel_depth(rng, steps: int) -> int:
    """How far along the pipeline a lead goes: 75 % are contacted, 70 % of
    those qualified, 75 % of those get a quote (a lead too young stops earlier:
    its next move would be in the future)."""
    depth = 0
    for chance in (0.75, 0.7, 0.75)[:steps]:
        if rng.random() >= chance:
            break
        depth += 1
    return depth


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
    if lead.first_contact_at is not None and rng.random() < 0.6:
        # Most open leads being worked on have news; the rest go stale. One
        # never reached stays so (its first contact is no follow-up months on).
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
