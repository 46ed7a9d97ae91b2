"""The synonyms every install starts with (wiki.answers.synonyms keeps the
same list for `synonyms_ensure` after a flush): words callers use → words the
articles use."""

from django.db import migrations

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


def create_synonyms(apps, schema_editor):
    synonym = apps.get_model("wiki", "Synonym")
    if synonym.objects.exists():
        return
    for term, expansions, two_way in SEED_SYNONYMS:
        synonym.objects.create(term=term, expansions=expansions, two_way=two_way)


class Migration(migrations.Migration):
    dependencies = [("wiki", "0005_answer_engine")]

    operations = [migrations.RunPython(create_synonyms, migrations.RunPython.noop)]
