"""The synonyms every install starts with: words callers use → words the
articles use. Editors change them in the admin (Snippets → Search synonyms);
`synonyms_ensure` only fills an empty list (after a flush, or the first
migration: wiki.0006), never undoes an editor's deletion."""

from __future__ import annotations

from django.db import transaction

from ..models import Synonym

# (term, expansions, two_way)
SEED_SYNONYMS = [
    ("galva", "galvanisé, galvanisation", False),
    ("brise-vue", "occultation", True),
    ("brise vue", "occultation", False),
    ("cacher la vue", "occultation", False),
    ("vis-à-vis", "occultation", False),
    ("combien de temps", "délai", False),
    ("quand", "délai", False),
    ("livré", "livraison", False),
    ("recevoir", "livraison", False),
    ("portail automatique", "motorisation", False),
    ("moteur", "motorisation", True),
    ("automatiser", "motorisation", False),
    ("télécommande", "motorisation", False),
    ("rouille", "corrosion", True),
    ("poudre blanche", "rouille blanche", False),
    ("grillage rigide", "panneau rigide", False),
    ("clôture rigide", "panneau rigide", False),
    ("plu", "plan local d'urbanisme", True),
    ("mairie", "plan local d'urbanisme", False),
    ("voisin", "mitoyenne", False),
    ("muret", "platine", False),
    ("couleur", "coloris, teinte", True),
    ("béton", "scellement", False),
    ("chien", "chenil", False),
    ("poules", "poulailler", False),
    ("rembourser", "retour", False),
    ("remboursement", "retour", False),
    ("sav", "réclamation, garantie", False),
    ("frotte", "réglage", False),
    ("abîmé", "réclamation", False),
]


@transaction.atomic
def synonyms_ensure() -> int:
    if Synonym.objects.exists():
        return 0
    for term, expansions, two_way in SEED_SYNONYMS:
        synonym = Synonym(term=term, expansions=expansions, two_way=two_way)
        synonym.full_clean()
        synonym.save()
    return len(SEED_SYNONYMS)
