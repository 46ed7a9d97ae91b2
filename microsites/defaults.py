"""Starter content shared by the site factory and the demo seed (French: it is the
content language of the sites; the UI around it is translated)."""

from wagtail.contrib.forms.utils import get_field_clean_name

# (label, field type, required, maps_to)
CONTACT_FORM_FIELDS = [
    ("Nom et prénom", "singleline", True, "name"),
    ("Société", "singleline", False, "company"),
    ("E-mail", "email", True, "email"),
    ("Téléphone", "singleline", False, "phone"),
    ("Code postal", "singleline", False, "postal_code"),
    ("Votre projet", "multiline", True, "message"),
]

CONTACT_INTRO = (
    "Décrivez votre projet : nous vous rappelons sous 48 heures avec un devis "
    "gratuit et sans engagement."
)
CONTACT_THANKS = (
    "<p>Merci ! Votre demande est bien arrivée. Un conseiller vous rappelle sous "
    "48 heures ouvrées.</p>"
)


def form_field_rows() -> list[dict]:
    return [
        {
            "sort_order": order,
            "label": label,
            "clean_name": get_field_clean_name(label),
            "field_type": field_type,
            "required": required,
            "maps_to": maps_to,
        }
        for order, (label, field_type, required, maps_to) in enumerate(
            CONTACT_FORM_FIELDS
        )
    ]
