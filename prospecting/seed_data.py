"""French demo vocabulary for the war room seed (see seeds.py)."""

FALLBACK_HOSTS = [
    "portails-bordeaux.localhost",
    "grillage-lyon.localhost",
    "clotures-nantes.localhost",
    "portails-toulouse.localhost",
    "grillage-rigide.localhost",
]
KINDS = [
    "Clôtures",
    "Paysages",
    "Camping",
    "Haras",
    "Golf",
    "Lycée agricole",
    "Transports",
    "Ferme",
    "Domaine",
    "Entrepôts",
    "Mairie de",
    "Résidence",
    "Pépinières",
    "Élevage",
    "Club hippique",
    "Zoo",
    "Stade",
    "Logistique",
]
NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
]
PLACES = [
    ("Bordeaux", "33000", "Nouvelle-Aquitaine"),
    ("Mérignac", "33700", "Nouvelle-Aquitaine"),
    ("Lyon", "69003", "Auvergne-Rhône-Alpes"),
    ("Villeurbanne", "69100", "Auvergne-Rhône-Alpes"),
    ("Nantes", "44000", "Pays de la Loire"),
    ("Angers", "49000", "Pays de la Loire"),
    ("Toulouse", "31000", "Occitanie"),
    ("Montpellier", "34000", "Occitanie"),
    ("Rennes", "35000", "Bretagne"),
    ("Lille", "59000", "Hauts-de-France"),
    ("Dijon", "21000", "Bourgogne-Franche-Comté"),
    ("Tours", "37000", "Centre-Val de Loire"),
]
SECTORS = ["Agriculture", "BTP", "Collectivité", "Logistique", "Loisirs", "Industrie"]
NEEDS = [
    "Besoin de {n} m de panneaux rigides 1,73 m",
    "Portail coulissant {n} cm motorisé",
    "Clôture périmétrique d'un site de {n} m",
    "Grillage simple torsion, {n} m, pose comprise",
    "Devis brise-vue pour {n} m de clôture",
    "Remplacement d'un portail battant et {n} m de grillage",
]
FINDERS = [
    "staff",
    "jdupont",
    "mgarcia",
    "lbernard",
    "cpetit",
    "trobert",
    "nmoreau",
    "psimon",
    "alaurent",
    "editor",
    "sales",
    "manager",
]
FINDER_WEIGHTS = [8, 9, 7, 6, 7, 5, 6, 5, 5, 3, 6, 2]
# "campaign": a site's form reached from a campaign (the UTM tags say which).
CHANNELS = ["website", "campaign", "war_room", "import", "referral", "other"]
CHANNEL_WEIGHTS = [30, 14, 40, 7, 6, 3]
# The year's campaigns: tag, UTM source, UTM medium, the months they ran
# (1 = January) and how many requests they brought, relatively.
CAMPAIGNS = [
    ("newsletter-printemps", "newsletter", "email", (3, 4, 5), 6),
    ("salon-batimat", "salon-batimat", "qr-code", (10, 11), 3),
    ("portails-automne", "google", "cpc", (9, 10), 4),
    ("relance-clients-janvier", "newsletter", "email", (1, 2), 2),
    ("cloture-agricole", "facebook", "social", (5, 6, 7), 2),
]
# Requests from the sites on their own: most visitors arrive without any tag
# (search engines), some through a tagged link that is no campaign.
ORGANIC_TAGS = [
    (("", ""), 14),
    (("facebook", "social"), 3),
    (("pagesjaunes", "referral"), 2),
    (("google-maps", "local"), 2),
]
# The files the imports came in, by batch (see IMPORT_BATCHES).
IMPORT_FILES = (
    "salon-des-maires-2025.csv",
    "export-marches-publics.xlsx.csv",
    "chambre-agriculture-33.csv",
)
# Demand for fences and gates by calendar month (1 = January): gardens and
# farms buy in spring and at the start of autumn, little in August and winter.
SEASON = {
    1: 0.6,
    2: 0.75,
    3: 1.15,
    4: 1.35,
    5: 1.4,
    6: 1.25,
    7: 0.95,
    8: 0.5,
    9: 1.1,
    10: 1.15,
    11: 0.8,
    12: 0.5,
}
# Leads go two months further back than the dashboard's year, as the firm
# existed before it: the first months of the charts have deals closing too.
SEED_MONTHS = 14
# The war room started about a year ago and grows: its weight then, and now.
WAR_ROOM_RAMP = (0.3, 1.35)
# Imports come in batches (a trade-fair list, a public tender export): months ago.
IMPORT_BATCHES = (10, 6, 2)
# Quote sizes, small jobs far more often than large sites.
VALUES = [1500, 3200, 4800, 7500, 12000, 18000, 26000, 42000]
VALUE_WEIGHTS = [10, 14, 16, 16, 13, 8, 4, 1]
