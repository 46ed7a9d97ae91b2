from django.db import transaction

from ..models import PipelineStage

DEFAULT_STAGES = [
    # key, kind, default probability
    ("new", PipelineStage.Kind.OPEN, 10),
    ("contacted", PipelineStage.Kind.OPEN, 20),
    ("qualified", PipelineStage.Kind.OPEN, 40),
    ("quote_sent", PipelineStage.Kind.OPEN, 60),
    ("won", PipelineStage.Kind.WON, 100),
    ("lost", PipelineStage.Kind.LOST, 0),
]


@transaction.atomic
def stages_ensure() -> list[PipelineStage]:
    """The configured stages; the default six when none are configured yet.
    A migration creates them (0008); this restores them after a flush and is
    the only place that writes them. Reads use `selectors.stage_list`."""
    stages = list(PipelineStage.objects.all())
    if stages:
        return stages
    for order, (key, kind, probability) in enumerate(DEFAULT_STAGES):
        PipelineStage.objects.get_or_create(
            key=key,
            defaults={"kind": kind, "order": order * 10, "probability": probability},
        )
    return list(PipelineStage.objects.all())


def stage_initial() -> PipelineStage:
    stages = stages_ensure()
    return next((s for s in stages if s.kind == PipelineStage.Kind.OPEN), stages[0])


def stage_by_key(key: str) -> PipelineStage | None:
    stages_ensure()
    return PipelineStage.objects.filter(key=key).first()
