"""Writes of company sign-in: the role mapping shared by the LDAP and OpenID
Connect backends, and the profile fields a provider keeps up to date."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from hub.services import audit_log

from .mapping import RoleMapping


@transaction.atomic
def user_roles_sync(
    *, user, groups: Iterable[str], mapping: RoleMapping, source: str
) -> dict:
    """Give `user` the managed roles that `groups` grant and take away the others,
    on every login, so leaving a directory group takes the role away. Returns the
    changes (empty when none), which are also written to the audit log."""
    groups = list(groups)
    wanted = mapping.roles_for(groups)
    held = set(
        user.groups.filter(name__in=mapping.managed_roles).values_list(
            "name", flat=True
        )
    )
    added, removed = sorted(wanted - held), sorted(held - wanted)
    if added:
        user.groups.add(*Group.objects.filter(name__in=added))
    if removed:
        user.groups.remove(*Group.objects.filter(name__in=removed))
    changes = {"added": added, "removed": removed} if added or removed else {}
    superuser = mapping.superuser_for(groups)
    if superuser is not None and (user.is_superuser, user.is_staff) != (
        superuser,
        superuser,
    ):
        # Django admin access goes with the superuser flag in the hub (Editors
        # reach the Wagtail admin through their role's permission instead).
        user.is_superuser = user.is_staff = superuser
        user.save(update_fields=["is_superuser", "is_staff"])
        changes["superuser"] = superuser
    if changes:
        audit_log(
            actor=None,
            action="user.roles_sync",
            target=user,
            changes={"source": source, **changes},
        )
    # hub.roles caches group names on the user object; this one just changed.
    user.__dict__.pop("_hub_group_names", None)
    return changes


def user_profile_sync(*, user, first_name="", last_name="", email="") -> list[str]:
    """Copy the provider's name and e-mail onto the account (an empty value keeps
    what the account has). Returns the fields that changed."""
    wanted = {
        name: value[: user._meta.get_field(name).max_length]
        for name, value in (
            ("first_name", first_name),
            ("last_name", last_name),
            ("email", email),
        )
        if value
    }
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if changed:
        user.save(update_fields=changed)
    return changed
