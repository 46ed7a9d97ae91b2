# ruff: noqa: E501 - demo prose: one paragraph per line reads better than wrapped
"""French Webschool content: level -> courses -> (lesson title, minutes, summary),
the lessons' bodies (mini-syntax of wiki.seeds.build_body) and their quizzes.

Quiz answers: one per line, right ones starting with "*" (QuizQuestion.answers).
"""

COURSES = [
    (
        "initiation",
        "Nos clôtures et portails",
        "Connaître ce que l'on vend : panneaux, poteaux, finitions, portails.",
        [
            (
                "Le panneau rigide en treillis soudé",
                45,
                "Fils, mailles, plis de renfort : lire une fiche panneau.",
            ),
            (
                "Poteaux et fixations",
                30,
                "Poteau à encoches, poteau à platine, scellement ou chevillage.",
            ),
            (
                "Galvanisation et plastification",
                40,
                "Pourquoi l'acier tient 20 ans dehors, et ce qu'il ne faut pas promettre.",
            ),
            (
                "Portails, portillons et brise-vue",
                45,
                "Battant ou coulissant, motorisation, occultation des panneaux.",
            ),
        ],
    ),
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

BODIES = {
    "Le panneau rigide en treillis soudé": """## Ce qu'est un panneau rigide
Un panneau rigide est un treillis de fils d'acier soudés à chaque croisement. Il est vendu en largeur de 2,50 m et en hauteurs de 0,63 m à 2,43 m. Voir l'article [[Panneau rigide]].
| Repère | Ce qu'il veut dire |
| Fil 4 mm / 5 mm | diamètre des fils horizontaux et verticaux : 5 mm pour les sites exposés |
| Maille 200 × 55 mm | écartement des fils : plus la maille est petite, plus le panneau est difficile à escalader |
| Plis en V | nervures horizontales qui rigidifient le panneau (2 à 4 selon la hauteur) |
! Un panneau de 1,73 m a 3 plis ; de 2,03 m, 4 plis. La hauteur du poteau suit celle du panneau.
## Au téléphone
? Demandez toujours la longueur à clôturer, la hauteur voulue et le type de sol : c'est ce qui fixe le nombre de panneaux et de poteaux.""",
    "Poteaux et fixations": """## Deux familles de poteaux
Le poteau à encoches reçoit les panneaux par des crochets sans outil ; le poteau à clips serre le panneau par des brides. Le poteau à platine se cheville sur un muret ou une dalle.
| Pose | Quand la proposer |
| Scellement béton | terrain naturel : trou de 30 × 30 × 50 cm par poteau |
| Platine chevillée | muret, dalle, terrasse en béton |
!! Un poteau à platine ne se pose jamais sur un sol meuble : la clôture se couche au premier coup de vent.
## Compter les poteaux
Un poteau par panneau, plus un en bout de ligne et un à chaque angle.""",
    "Galvanisation et plastification": """## Protéger l'acier
Le fil est galvanisé (un dépôt de zinc) puis plastifié : une peinture polyester en poudre, cuite au four. Le zinc protège l'acier de la rouille ; la poudre protège le zinc et donne la couleur (vert 6005, gris 7016, noir 9005).
! La garantie anticorrosion est de 10 ans : voir [[Garantie des produits]] pour ses conditions.
!! Une rayure profonde faite à la pose (meuleuse, pince) n'est pas couverte : on la retouche avec la bombe de peinture fournie.
## En bord de mer
Proposez une finition renforcée (galvanisation plus épaisse) pour un chantier à moins de 3 km de la mer.""",
    "Portails, portillons et brise-vue": """## Portail battant ou coulissant
Le portail battant s'ouvre sur deux vantaux et demande un dégagement égal à sa largeur ; le coulissant glisse le long de la clôture et convient aux entrées en pente.
| Modèle | Passage | Motorisation |
| Portillon | 1 m | serrure électrique en option |
| Portail battant | 3 à 5 m | bras articulés ou vérins |
| Portail coulissant | 4 à 6 m | moteur à crémaillère |
## Occulter
Le brise-vue (lamelles PVC glissées dans les mailles ou toile tendue) cache la vue mais prend le vent : au-delà de 1,80 m occulté, prévoir des poteaux renforcés.
? Un client qui veut « ne plus voir la route » : proposez le panneau occultant plutôt qu'une toile, il dure plus longtemps.""",
    "Prospecter les paysagistes et les poseurs": """## Où les trouver
Annuaires professionnels, fiches d'entreprises locales, avis clients : un paysagiste qui montre des photos de clôtures sur son site est un prescripteur.
! Notez chaque trouvaille dans la war room avec sa source : le tableau de bord compte ce que rapporte la prospection web.
## Le premier message
Présentez une réalisation proche de chez lui, proposez la fiche [[Panneau rigide]] et un prix pose comprise sur un cas type.""",
}

DEFAULT_BODY = """## Objectif
{summary}
## L'essentiel
Lisez la leçon, puis appliquez-la sur un cas réel de la semaine. Les articles du wiki comme [[Garantie des produits]] ou [[Panneau rigide]] servent d'exemples.
! Passez le quiz en fin de leçon : il valide la leçon et crédite vos heures de formation.
## Pour aller plus loin
Parlez-en à votre référent Webschool lors du point mensuel."""


def lesson_body(title: str, summary: str) -> str:
    return BODIES.get(title) or DEFAULT_BODY.format(summary=summary)


# lesson title -> [(kind, question, answers, explanation)]
QUIZZES = {
    "Le panneau rigide en treillis soudé": [
        (
            "single",
            "Quelle est la largeur standard d'un panneau rigide ?",
            "*2,50 m\n2,00 m\n3,00 m",
            "Tous nos panneaux font 2,50 m de large.",
        ),
        (
            "single",
            "À quoi servent les plis en V ?",
            "*À rigidifier le panneau\nÀ laisser passer l'eau\nÀ fixer le brise-vue",
            "",
        ),
        (
            "multiple",
            "Que demander au téléphone pour chiffrer ?",
            "*La longueur à clôturer\n*La hauteur voulue\n*Le type de sol\nLa couleur de la maison",
            "",
        ),
        (
            "single",
            "Pour un site exposé, quel diamètre de fil ?",
            "*5 mm\n3 mm\n4 mm",
            "",
        ),
    ],
    "Poteaux et fixations": [
        (
            "single",
            "Où pose-t-on un poteau à platine ?",
            "*Sur un muret ou une dalle\nDans la terre\nDans le sable",
            "",
        ),
        (
            "single",
            "Combien de poteaux pour 5 panneaux en ligne droite ?",
            "*6\n5\n10",
            "Un par panneau, plus un en bout de ligne.",
        ),
        (
            "single",
            "Quelle taille de trou pour un scellement ?",
            "*30 × 30 × 50 cm\n10 × 10 × 20 cm\n1 m de profondeur",
            "",
        ),
    ],
    "Galvanisation et plastification": [
        (
            "single",
            "Que protège la galvanisation ?",
            "*L'acier contre la rouille\nLa couleur contre le soleil\nLe panneau contre les chocs",
            "",
        ),
        (
            "multiple",
            "Quelles couleurs standard ?",
            "*Vert 6005\n*Gris 7016\n*Noir 9005\nRouge 3000",
            "",
        ),
        (
            "single",
            "Une rayure de meuleuse à la pose est-elle garantie ?",
            "Oui, 10 ans\n*Non, on la retouche\nOui, 2 ans",
            "",
        ),
    ],
    "Portails, portillons et brise-vue": [
        (
            "single",
            "Quel portail pour une entrée en pente ?",
            "*Coulissant\nBattant\nPortillon",
            "",
        ),
        (
            "single",
            "Au-delà de quelle hauteur occultée renforcer les poteaux ?",
            "*1,80 m\n1,00 m\n2,50 m",
            "",
        ),
        (
            "multiple",
            "Quelles motorisations pour un portail battant ?",
            "*Bras articulés\n*Vérins\nMoteur à crémaillère",
            "",
        ),
    ],
}

GENERIC_QUIZ = [
    (
        "single",
        "Que valide le quiz d'une leçon ?",
        "*La leçon et ses heures de formation\nRien, il est facultatif\nUn congé",
        "",
    ),
    (
        "single",
        "Où noter un prospect trouvé sur le web ?",
        "*Dans la war room, avec sa source\nSur un post-it\nDans un e-mail à soi-même",
        "",
    ),
    (
        "multiple",
        "Quels articles du wiki servent d'exemples ?",
        "*Garantie des produits\n*Panneau rigide\nMétéo du jour",
        "",
    ),
]


def quiz_for(title: str) -> list:
    return QUIZZES.get(title) or GENERIC_QUIZ
