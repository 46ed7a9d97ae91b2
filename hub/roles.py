"""Role names (Django groups) and the checks every app uses.

Group names are created by migration hub.0002; the checks cache the user's group
names on the user object so a page asks the database once.
"""

STAFF = "Staff"
SALES = "Sales"
EDITORS = "Editors"
MANAGERS = "Managers"
ALL_ROLES = (STAFF, SALES, EDITORS, MANAGERS)


def group_names(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_hub_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._hub_group_names = cached
    return cached


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role in group_names(user)


def is_staff_member(user) -> bool:
    """Every employee: Staff, or any other role (a salesperson is staff too)."""
    return any(has_role(user, role) for role in ALL_ROLES)


def is_sales(user) -> bool:
    return has_role(user, SALES) or has_role(user, MANAGERS)


def is_editor(user) -> bool:
    return has_role(user, EDITORS)


def is_manager(user) -> bool:
    return has_role(user, MANAGERS)
