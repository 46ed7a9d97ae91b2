"""Create the role groups and the hub site's root page (the staff home)."""

from django.db import migrations

ROLES = ["Staff", "Sales", "Editors", "Managers"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    # Permissions are normally created after migrate; create the one we need now.
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    Group.objects.get(name="Editors").permissions.add(access_admin)


def create_hub_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HubHomePage = apps.get_model("hub", "HubHomePage")
    if HubHomePage.objects.exists():
        return
    page_ct = ContentType.objects.get(model="page", app_label="wagtailcore")
    # The welcome page created by wagtailcore's initial data.
    Page.objects.filter(content_type=page_ct, slug="home", depth=2).delete()
    home_ct, _ = ContentType.objects.get_or_create(model="hubhomepage", app_label="hub")
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    last_child = Page.objects.filter(depth=2).order_by("-path").first()
    if last_child is None:
        path = root.path + "0001"
    else:
        # treebeard paths use base-36 steps of 4 characters
        step = int(last_child.path[-4:], 36) + 1
        path = root.path + _base36(step).rjust(4, "0")
    home = HubHomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="hub",
        content_type=home_ct,
        path=path,
        depth=2,
        numchild=0,
        url_path="/hub/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
        site_name="Hub",
    )


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
        if not number:
            return out


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_hub_home, migrations.RunPython.noop),
    ]
