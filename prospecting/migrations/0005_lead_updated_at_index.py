# The board re-sync after a reconnect asks for leads updated since a cursor.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("prospecting", "0004_private_import_files"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lead",
            name="updated_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now
            ),
        ),
    ]
