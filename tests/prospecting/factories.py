"""Small helpers to build war-room data through the real services."""

from prospecting import services


def make_lead(name="Clôtures Martin", *, by=None, source="war_room", **kwargs):
    company = kwargs.pop("company", {"name": name})
    result = services.lead_intake(
        source=source, company=company, found_by=by, by=by, **kwargs
    )
    assert result.created, result.warnings
    return result.lead


# Valid SIREN/SIRET (Luhn) used across the tests.
SIREN_OK = "732829320"
SIRET_OK = "73282932000074"


# How the columns of the sample CSV (`tests.prospecting.test_imports.write`)
# map to fields, in order: what a user picks on the mapping step.
SAMPLE_MAPPING = {
    f"col_{i}": target
    for i, target in enumerate(
        [
            "company.name",
            "company.website",
            "company.siren",
            "company.city",
            "contact.first_name",
            "contact.last_name",
            "contact.email",
            "contact.phone",
            "lead.note",
            "lead.estimated_value",
        ]
    )
}
