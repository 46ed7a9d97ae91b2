"""French demo content of the 80 microsites: product lines × regions."""

from dataclasses import dataclass

from .. import places
from ..colors import contrast_ratio, darken, hsl_to_hex


@dataclass(frozen=True)
class ProductLine:
    name: str
    slug: str
    pitch: str
    products: tuple[tuple[str, str], ...]  # (title, intro)
    # words of the wiki's product-fact names that belong to this line
    fact_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    city: str
    slug: str
    department: str
    postal_code: str
    phone: str
    towns: tuple[str, ...] = ()  # nearby towns of the projects and testimonials

    @property
    def place(self):
        """The department with its article: "en Gironde", "dans le Rhône"."""
        return places.department_find(self.department)


PRODUCT_LINES = (
    ProductLine(
        "Portails",
        "portails",
        "Portails battants et coulissants fabriqués en France, posés par nos équipes.",
        (
            ("Portail battant aluminium", "Léger, sans entretien, 200 coloris RAL."),
            ("Portail coulissant", "Idéal pour les entrées en pente ou étroites."),
            (
                "Portillon assorti",
                "Le même dessin que votre portail, pour les piétons.",
            ),
            ("Motorisation de portail", "Moteurs à bras ou enterrés, télécommande."),
            ("Portail acier galvanisé", "Robuste, pour les sites professionnels."),
            ("Portail sur mesure", "Dimensions et dessin à votre idée."),
        ),
        ("portail",),
    ),
    ProductLine(
        "Clôtures",
        "clotures",
        "Clôtures complètes pour jardins, copropriétés et sites industriels.",
        (
            ("Clôture en panneaux rigides", "Rapide à poser, durable, économique."),
            ("Clôture aluminium", "Lames pleines ou ajourées, finition soignée."),
            ("Clôture bois composite", "L'aspect du bois, sans l'entretien."),
            ("Lames d'occultation", "Gagnez en intimité sur vos panneaux existants."),
            (
                "Poteaux et accessoires",
                "Poteaux, platines, colliers, tout le nécessaire.",
            ),
            ("Clôture de sécurité", "Pour entrepôts, chantiers et sites sensibles."),
        ),
        ("panneau", "poteau"),
    ),
    ProductLine(
        "Grillage rigide",
        "grillage-rigide",
        "Panneaux de grillage rigide 3D et double fil, galvanisés et plastifiés.",
        (
            ("Panneau rigide 3D", "Plis de renfort, fil de 4 ou 5 mm."),
            ("Panneau double fil", "Fil de 6/5/6 mm pour les sites exposés."),
            ("Kit clôture jardin", "Panneaux, poteaux et fixations en un colis."),
            ("Panneau rigide anti-escalade", "Maille fine, impossible à escalader."),
            ("Grillage rigide sur mesure", "Hauteurs et couleurs spéciales."),
        ),
        ("panneau rigide", "poteau"),
    ),
    ProductLine(
        "Grillage souple",
        "grillage-souple",
        "Grillage simple torsion et soudé en rouleaux, pour toutes les surfaces.",
        (
            ("Grillage simple torsion", "Le grand classique des clôtures agricoles."),
            ("Grillage soudé plastifié", "Maille carrée, rouleaux de 25 m."),
            ("Grillage à moutons", "Noué, pour les parcs d'élevage."),
            ("Tendeurs et fils de tension", "Pour un grillage bien droit."),
        ),
        ("simple torsion", "soudé"),
    ),
    ProductLine(
        "Gabions",
        "gabions",
        "Murs et clôtures en gabions remplis de pierres, posés ou en kit.",
        (
            ("Gabion mural", "Un mur de pierres sèches, sans maçonnerie."),
            ("Clôture gabion", "Une clôture minérale et anti-bruit."),
            ("Banc gabion", "Du mobilier extérieur assorti."),
            ("Pierres de remplissage", "Calcaire, granit ou galets."),
        ),
        ("gabion",),
    ),
    ProductLine(
        "Brise-vue",
        "brise-vue",
        "Brise-vue et occultations pour être chez soi, sans vis-à-vis.",
        (
            ("Brise-vue tissé", "Rouleaux occultants à 90 %."),
            ("Lamelles PVC", "À glisser dans les panneaux rigides."),
            ("Brise-vue composite", "Panneaux pleins, aspect bois."),
            ("Canisse naturelle", "Bambou ou bruyère, pour un style nature."),
        ),
        ("brise-vue", "occultation"),
    ),
    ProductLine(
        "Garde-corps",
        "garde-corps",
        "Garde-corps aluminium et inox pour terrasses, escaliers et balcons.",
        (
            ("Garde-corps aluminium", "Barreaudage ou remplissage verre."),
            ("Garde-corps inox", "Câbles ou barres, finition brossée."),
            ("Main courante", "Pour escaliers intérieurs et extérieurs."),
            ("Garde-corps de piscine", "Conforme à la norme NF P90-306."),
        ),
        ("garde-corps",),
    ),
    ProductLine(
        "Portillons",
        "portillons",
        "Portillons et portes de jardin, assortis à votre clôture.",
        (
            ("Portillon aluminium", "Serrure et gâche incluses."),
            ("Portillon grillagé", "Le complément de votre grillage rigide."),
            ("Portillon bois", "Pin traité autoclave, classe 4."),
            ("Serrure à code", "Entrée sans clé, pour les copropriétés."),
        ),
        ("portillon", "portail"),
    ),
)

REGIONS = (
    Region(
        "Bordeaux",
        "bordeaux",
        "Gironde",
        "33000",
        "05 56 12 34 00",
        ("Mérignac", "Pessac", "Talence", "Bègles", "Le Bouscat"),
    ),
    Region(
        "Lyon",
        "lyon",
        "Rhône",
        "69003",
        "04 72 12 34 00",
        ("Villeurbanne", "Caluire-et-Cuire", "Bron", "Écully", "Oullins"),
    ),
    Region(
        "Nantes",
        "nantes",
        "Loire-Atlantique",
        "44000",
        "02 40 12 34 00",
        ("Rezé", "Saint-Herblain", "Orvault", "Vertou", "Carquefou"),
    ),
    Region(
        "Toulouse",
        "toulouse",
        "Haute-Garonne",
        "31000",
        "05 61 12 34 00",
        ("Blagnac", "Colomiers", "Tournefeuille", "Balma", "Muret"),
    ),
    Region(
        "Lille",
        "lille",
        "Nord",
        "59000",
        "03 20 12 34 00",
        ("Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Marcq-en-Barœul", "Lambersart"),
    ),
    Region(
        "Marseille",
        "marseille",
        "Bouches-du-Rhône",
        "13008",
        "04 91 12 34 00",
        ("Aubagne", "La Ciotat", "Allauch", "Cassis", "Marignane"),
    ),
    Region(
        "Rennes",
        "rennes",
        "Ille-et-Vilaine",
        "35000",
        "02 99 12 34 00",
        ("Cesson-Sévigné", "Bruz", "Saint-Grégoire", "Pacé", "Betton"),
    ),
    Region(
        "Strasbourg",
        "strasbourg",
        "Bas-Rhin",
        "67000",
        "03 88 12 34 00",
        (
            "Illkirch-Graffenstaden",
            "Schiltigheim",
            "Lingolsheim",
            "Obernai",
            "Haguenau",
        ),
    ),
    Region(
        "Montpellier",
        "montpellier",
        "Hérault",
        "34000",
        "04 67 12 34 00",
        ("Lattes", "Castelnau-le-Lez", "Pérols", "Juvignac", "Mauguio"),
    ),
    Region(
        "Nice",
        "nice",
        "Alpes-Maritimes",
        "06000",
        "04 93 12 34 00",
        (
            "Cagnes-sur-Mer",
            "Saint-Laurent-du-Var",
            "Antibes",
            "Villefranche-sur-Mer",
            "Vence",
        ),
    ),
)


def readable(color: str) -> str:
    """Darken until white text on it passes WCAG AA (4.5:1)."""
    while contrast_ratio(color, "#ffffff") < 4.6:
        color = darken(color, 0.9)
    return color


def site_colors(index: int) -> tuple[str, str]:
    hue = (index * 137.508) % 360  # golden angle: neighbours look different
    primary = readable(hsl_to_hex(hue, 0.55, 0.32))
    accent = readable(hsl_to_hex((hue + 160) % 360, 0.7, 0.36))
    return primary, accent


def all_sites():
    """(index, line, region) for the 80 demo sites, in a stable order."""
    index = 0
    for line in PRODUCT_LINES:
        for region in REGIONS:
            yield index, line, region
            index += 1


# the customers of the testimonials (invented names, common in France)
CUSTOMERS = (
    "Sophie Marchand",
    "Jean-Luc Bernard",
    "Nathalie Roux",
    "Karim Benali",
    "Isabelle Fontaine",
    "Thomas Lefèvre",
    "Camille Girard",
    "Patrick Morel",
    "Élodie Chevalier",
    "Mathieu Garnier",
)
TESTIMONIALS = (
    "Devis reçu en deux jours, pose faite en une matinée. L'équipe a tout nettoyé"
    " avant de partir : rien à redire !",
    "Des conseils honnêtes : on nous a déconseillé l'option la plus chère. Trois ans"
    " après, tout est comme neuf.",
    "Le métreur est venu le samedi matin, le délai annoncé a été tenu à la semaine"
    " près. Je recommande.",
    "Travail soigné sur un terrain en pente, pas simple. Les finitions sont"
    " impeccables et le prix était celui du devis.",
)
OPENING_HOURS = "Mo-Fr 08:00-12:00,13:30-18:00; Sa 09:00-12:00"

# The home page's « Questions fréquentes »: the question as customers ask it,
# the public wiki article (and heading, "" for its summary) that answers it.
FAQ = (
    ("Quels sont vos délais de livraison ?", "Délais de livraison", ""),
    (
        "Mon portail frotte par terre : que faire ?",
        "Portail qui frotte au sol",
        "Régler les gonds",
    ),
    ("Comment entretenir ma clôture ?", "Entretien d'une clôture", ""),
    ("Quelle garantie sur vos produits ?", "Garantie des produits", ""),
    ("Quels moyens de paiement acceptez-vous ?", "Modes de paiement", ""),
)
