"""The six default pipeline stages, created with the database (reads never
create them; `services.stages_ensure` restores them after a flush)."""

from django.db import migrations

DEFAULT_STAGES = [
    ("new", "open", 10),
    ("contacted", "open", 20),
    ("qualified", "open", 40),
    ("quote_sent", "open", 60),
    ("won", "won", 100),
    ("lost", "lost", 0),
]


def create_default_stages(apps, schema_editor):
    stage = apps.get_model("prospecting", "PipelineStage")
    if stage.objects.exists():
        return  # configured already: leave it as the company set it
    for order, (key, kind, probability) in enumerate(DEFAULT_STAGES):
        stage.objects.create(
            key=key, kind=kind, order=order * 10, probability=probability
        )


class Migration(migrations.Migration):
    dependencies = [("prospecting", "0007_duplicate_review")]

    operations = [
        migrations.RunPython(create_default_stages, migrations.RunPython.noop)
    ]
