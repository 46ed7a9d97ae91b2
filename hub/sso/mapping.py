"""Which hub roles a directory's groups grant: parsed once from the environment.

Plain Python (no models) so hub.settings.sso can build it while settings load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hub import roles

_AROUND_COMMAS = re.compile(r"\s*,\s*")


def normalize_group(name: str) -> str:
    """LDAP compares DNs without case, and directories print "CN=Ventes, OU=…"
    with spaces that the administrator may not copy: compare a canonical form."""
    return _AROUND_COMMAS.sub(",", name.strip()).casefold()


def role_name(value: str) -> str | None:
    """The hub's spelling of a role typed in any case, or None if not a role."""
    wanted = value.strip().casefold()
    return next((role for role in roles.ALL_ROLES if role.casefold() == wanted), None)


@dataclass(frozen=True)
class RoleMapping:
    """Directory groups → hub roles for one source (LDAP or OpenID Connect).

    Only the roles named here (or as the default) are managed: a login adds the
    ones the groups grant and removes the others; roles given by hand that the
    mapping never mentions stay. The superuser flag is managed only when a
    superuser group is set.
    """

    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    default_role: str = ""
    superuser_group: str = ""

    @property
    def managed_roles(self) -> frozenset[str]:
        mapped = frozenset().union(*self.groups.values())
        return mapped | {self.default_role} if self.default_role else mapped

    @property
    def reads_groups(self) -> bool:
        return bool(self.groups or self.superuser_group)

    @property
    def is_empty(self) -> bool:
        return not (self.reads_groups or self.default_role)

    def roles_for(self, groups: Iterable[str]) -> frozenset[str]:
        granted = {self.default_role} if self.default_role else set()
        for group in groups:
            granted |= self.groups.get(normalize_group(group), frozenset())
        return frozenset(granted)

    def superuser_for(self, groups: Iterable[str]) -> bool | None:
        """True/False when the mapping decides the flag, None when it does not."""
        if not self.superuser_group:
            return None
        return self.superuser_group in {normalize_group(group) for group in groups}


class RoleMapError(ValueError):
    """A role map entry that cannot be read; the message says which and why."""


def parse_role_map(raw: str) -> dict[str, frozenset[str]]:
    """`group=Role;group=Role` (or one entry a line). A DN contains `=` itself, so
    the role is what follows the last one. Repeat a group to grant two roles."""
    mapping: dict[str, set[str]] = {}
    for entry in re.split(r"[;\n]", raw):
        entry = entry.strip()
        if not entry:
            continue
        group, sep, role = entry.rpartition("=")
        if not sep or not group.strip():
            raise RoleMapError(f"{entry!r} is not of the form <group>=<role>")
        name = role_name(role)
        if name is None:
            raise RoleMapError(
                f"{role.strip()!r} in {entry!r} is not a hub role "
                f"(roles: {', '.join(roles.ALL_ROLES)})"
            )
        mapping.setdefault(normalize_group(group), set()).add(name)
    return {group: frozenset(names) for group, names in mapping.items()}
