# ruff: noqa: E501 - demo prose: one paragraph per line reads better than wrapped
"""French Webschool content: level -> courses -> (lesson title, minutes, summary)."""

COURSES = [
    (
        "initiation",
        "Bien démarrer sur le web",
        "Les bases pour tous : chercher, trier, noter.",
        [
            (
                "Chercher efficacement avec un moteur de recherche",
                30,
                "Guillemets, opérateurs site: et filetype:, recherche par image.",
            ),
            (
                "Reconnaître un prospect sur un site web",
                45,
                "Mentions légales, SIRET, taille de l'entreprise, projets en cours.",
            ),
            (
                "Noter un prospect dans la war room",
                20,
                "La fiche rapide : société, contact, source, note.",
            ),
            (
                "Sécurité : mots de passe et hameçonnage",
                30,
                "Reconnaître un mail piégé, utiliser un gestionnaire de mots de passe.",
            ),
        ],
    ),
    (
        "communication",
        "Communiquer avec les clients",
        "Écrire, répondre, présenter nos produits.",
        [
            (
                "Répondre à une question produit avec le wiki",
                30,
                "Trouver l'article, citer la fiche produit, vérifier la date de relecture.",
            ),
            (
                "Écrire un e-mail commercial clair",
                45,
                "Objet, première phrase, appel à l'action, signature.",
            ),
            (
                "Présenter une gamme en visioconférence",
                40,
                "Préparer le partage d'écran et les fiches produits.",
            ),
            (
                "Les réseaux sociaux de l'entreprise",
                35,
                "Ce qu'on publie, ce qu'on ne publie pas.",
            ),
        ],
    ),
    (
        "prospection",
        "Prospecter sur le web",
        "Trouver des chantiers et des clients avant les concurrents.",
        [
            (
                "Repérer les appels d'offres publics",
                60,
                "Plateformes de marchés publics, mots-clés clôture et portail.",
            ),
            (
                "Prospecter les paysagistes et les poseurs",
                45,
                "Annuaires, avis clients, sites vitrines.",
            ),
            (
                "Qualifier un lead avant de l'appeler",
                40,
                "Budget, délai, décideur, besoin réel.",
            ),
            (
                "Suivre ses leads jusqu'à la commande",
                50,
                "Relances, devis, passage de témoin à l'ADV.",
            ),
        ],
    ),
]

LESSON_BODY = """## Objectif
{summary}
## L'essentiel
Lisez la leçon, puis appliquez-la sur un cas réel de la semaine. Les articles du wiki comme [[Garantie des produits]] ou [[Panneau rigide]] servent d'exemples.
! Marquez la leçon comme terminée : vos heures de formation sont comptées automatiquement.
## Pour aller plus loin
Parlez-en à votre référent Webschool lors du point mensuel."""
