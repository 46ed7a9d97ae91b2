"""Managers compose campaigns in the Wagtail admin: they need its door and the
campaign models' permissions (the migration grants them; this idempotent twin
restores them after a flush, see hub.bootstrap)."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from hub import roles

MODELS = ("campaign", "audience", "suppression", "consent")
ACTIONS = ("add", "change", "delete", "view")


def grant_managers(apps=None) -> None:
    group_model = apps.get_model("auth", "Group") if apps else Group
    permission_model = apps.get_model("auth", "Permission") if apps else Permission
    ct_model = apps.get_model("contenttypes", "ContentType") if apps else ContentType
    managers, _ = group_model.objects.get_or_create(name=roles.MANAGERS)
    admin_ct, _ = ct_model.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    permissions = [
        permission_model.objects.get_or_create(
            content_type=admin_ct,
            codename="access_admin",
            defaults={"name": "Can access Wagtail admin"},
        )[0]
    ]
    for model in MODELS:
        ct, _ = ct_model.objects.get_or_create(app_label="campaigns", model=model)
        for action in ACTIONS:
            permissions.append(
                permission_model.objects.get_or_create(
                    content_type=ct,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )[0]
            )
    managers.permissions.add(*permissions)
