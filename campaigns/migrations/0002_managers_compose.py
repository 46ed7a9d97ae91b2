from django.db import migrations


def grant(apps, schema_editor):
    from campaigns.bootstrap import grant_managers

    grant_managers(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("hub", "0002_roles_and_hub_home"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
