"""Demo accounts (seed step 'accounts')."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .bootstrap import ensure_base_data
from .progress import ProgressBar

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo password, DEBUG or explicit flag only

# username: (first name, last name, groups, superuser)
DEMO_USERS = {
    "admin": ("Agnès", "Martin", [roles.STAFF, roles.MANAGERS], True),
    "editor": ("Émile", "Durand", [roles.STAFF, roles.EDITORS], False),
    "sales": ("Sophie", "Lefèvre", [roles.STAFF, roles.SALES], False),
    "staff": ("Karim", "Benali", [roles.STAFF], False),
    "manager": (
        "Hélène",
        "Rousseau",
        [roles.STAFF, roles.SALES, roles.MANAGERS],
        False,
    ),
}

# Other employees, so leaderboards, revisions and rooms have real people in them.
DEMO_EMPLOYEES = [
    ("jdupont", "Jean", "Dupont", "soudeur"),
    ("mgarcia", "Marie", "Garcia", "assistante"),
    ("lbernard", "Luc", "Bernard", "juriste"),
    ("cpetit", "Claire", "Petit", "commerciale"),
    ("trobert", "Thomas", "Robert", "soudeur"),
    ("nmoreau", "Nadia", "Moreau", "assistante ADV"),
    ("psimon", "Pierre", "Simon", "chef d'atelier"),
    ("alaurent", "Aurélie", "Laurent", "commerciale"),
]


def _ensure_user(username, first, last, groups, superuser=False):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@grillages-demo.fr",
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@transaction.atomic
def seed_accounts(*, stdout, small=False):
    ensure_base_data()
    total = len(DEMO_USERS) + len(DEMO_EMPLOYEES)
    with ProgressBar(total, "Comptes", stream=stdout) as bar:
        for username, (first, last, groups, superuser) in DEMO_USERS.items():
            _ensure_user(username, first, last, groups, superuser)
            bar.advance()
        for username, first, last, job in DEMO_EMPLOYEES:
            groups = [roles.STAFF]
            if job.startswith("commercial"):
                groups.append(roles.SALES)
            _ensure_user(username, first, last, groups)
            bar.advance()
