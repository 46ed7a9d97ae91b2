"""Everyone who wrote stays a contact: is this person one of the company's
contacts already, or someone new?

The rule (`same_person`) works on a company's contacts in memory, so a single
intake (`intake.contact_for`) and a batch (`contacts_for`, CSV import) apply it
alike, and a batch costs one read of the companies' contacts and bulk writes
instead of a few queries per row.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Contact


def same_person(contacts: Iterable[Contact], data: dict) -> Contact | None:
    """The contact who is this person: same e-mail (an e-mail decides alone),
    else same phone, else same name among contacts with neither."""
    contacts = list(contacts)
    for key in ("email", "phone"):
        if data.get(key):
            found = next((c for c in contacts if getattr(c, key) == data[key]), None)
            if found is not None or key == "email":
                return found
    first, last = data.get("first_name", ""), data.get("last_name", "")
    if first or last:
        return next(
            (
                c
                for c in contacts
                if c.first_name.upper() == first.upper()
                and c.last_name.upper() == last.upper()
                and not c.email
                and not c.phone
            ),
            None,
        )
    return None


def complete(contact: Contact, data: dict) -> list[str]:
    """Fill what the contact lacked (a phone given the second time), never
    overwriting what someone typed before; returns the fields filled."""
    changed = [k for k, v in data.items() if v and not getattr(contact, k, "")]
    for key in changed:
        setattr(contact, key, data[key])
    return changed


def ordered(contacts: Iterable[Contact], rank: dict[int, int]) -> list[Contact]:
    """The model's ordering (last name, first name), then age: the order in
    which the database gives them; `rank` places unsaved ones, newest last."""
    return sorted(
        contacts, key=lambda c: (c.last_name, c.first_name, c.pk or rank[id(c)])
    )


def contacts_for(pairs: list[tuple[int, dict | None]]) -> list[Contact | None]:
    """`contact_for` for many (company id, person) pairs, in order, in one read
    and bulk writes: a person met earlier in the list is found again, not
    created twice. A validation error raises, as in `contact_for`."""
    known: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(
        company_id__in={company_id for company_id, data in pairs if data}
    ):
        known.setdefault(contact.company_id, []).append(contact)
    rank: dict[int, int] = {}
    created: list[Contact] = []
    filled: dict[int, set[str]] = {}  # saved contact pk → fields filled
    saved: dict[int, Contact] = {}
    result: list[Contact | None] = []
    for company_id, data in pairs:
        if not data:
            result.append(None)
            continue
        contacts = known.setdefault(company_id, [])
        person = same_person(ordered(contacts, rank), data)
        if person is None:
            # The company exists (read or just written): no query to check it.
            person = Contact(company_id=company_id, **data)
            person.full_clean(exclude=["company"])
            rank[id(person)] = 10**18 + len(rank)  # after every saved contact
            created.append(person)
            contacts.append(person)
        elif fields := complete(person, data):
            person.full_clean(exclude=["company"])
            if person.pk is not None:  # an unsaved one is written whole below
                filled.setdefault(person.pk, set()).update(fields)
                saved[person.pk] = person
        result.append(person)
    Contact.objects.bulk_create(created)
    by_fields: dict[tuple[str, ...], list[Contact]] = {}
    for pk, fields in filled.items():
        by_fields.setdefault(tuple(sorted(fields)), []).append(saved[pk])
    for fields, contacts in by_fields.items():
        Contact.objects.bulk_update(contacts, list(fields))  # only those fields
    return result
