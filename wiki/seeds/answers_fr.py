# ruff: noqa: E501 - demo prose: one paragraph per line reads better than wrapped
"""French demo articles written for the questions callers and customers ask
(benchmarks/data/wiki_questions_fr.json): the answer engine's demo.

Same mini-syntax as articles_fr; a heading ending in " [interne]" is a
staff-only section, "? " starts a "Tip for the phone" callout (never shown to
customers). Articles listed in PUBLIC answer customers (the microsites'
question box).
"""

ARTICLES = {
    "portails-et-portillons": [
        (
            "Portail qui frotte au sol",
            "Un portail qui frotte par terre a presque toujours des gonds affaissés ou "
            "desserrés, un vantail qui a pris du poids, ou un sol qui a bougé : un "
            "réglage des gonds suffit le plus souvent.",
            """## Pourquoi le portail frotte
Avec le temps, le vantail s'affaisse côté serrure : les gonds se desserrent, le pilier travaille, ou le sol a gonflé sous l'effet du gel. Un portail qui touche le sol en s'ouvrant n'est pas cassé.
## Régler les gonds
Desserrez le contre-écrou du gond du haut, vissez le gond pour remonter le vantail de quelques millimètres, resserrez. Voir [[Gonds et charnières de portail]]. Il faut une clé plate de 19 et dix minutes.
## Quand le pilier bouge
Si le pilier penche, le réglage ne tient pas : il faut reprendre le scellement, voir [[Poteau qui bouge ou qui penche]].
## Portail coulissant qui racle
Un coulissant qui racle a un rail encrassé ou des galets usés : nettoyez le rail, remplacez les galets (voir [[Pièces détachées]]).
? Au téléphone : demandez si le portail frotte en s'ouvrant ou tout le temps, et depuis quand (après l'hiver = le sol a bougé).""",
        ),
        (
            "Dépannage de la motorisation",
            "Un portail motorisé qui ne s'ouvre plus a le plus souvent une pile de "
            "télécommande vide, des cellules photoélectriques sales ou masquées, ou "
            "une coupure de courant.",
            """## Vérifications simples
Changez la pile de la télécommande, nettoyez les cellules photoélectriques, vérifiez le disjoncteur du moteur. Un portail qui s'arrête et repart en arrière voit un obstacle : une branche devant une cellule suffit.
## Ouvrir à la main
Chaque moteur a un déverrouillage manuel à clé : on ouvre le portail à la main en cas de panne de courant.
## Programmer une télécommande
Voir la notice du moteur ; les télécommandes de remplacement sont dans les [[Pièces détachées]].
## Garantie
Les motorisations sont garanties 2 ans, voir [[Garantie des produits]].""",
        ),
        (
            "Dimensions d'un portail",
            "Un portail d'entrée pour voiture fait de 3 à 4 m de passage ; un portillon "
            "fait 1 m. Mesurez entre piliers, en haut et en bas.",
            """## Largeurs courantes
Passage voiture : 3 m minimum, 3,50 m conseillé, 4 m pour un camping-car. Portillon piéton : 1 m.
## Hauteurs
De 1,20 m à 1,80 m ; assortie à la clôture, voir [[Hauteurs des panneaux rigides]].
## Mesurer
Mesurez la distance entre piliers en haut, au milieu et en bas ; gardez la plus petite cote. Voir [[Portail en kit ou sur mesure]].""",
        ),
    ],
    "sav": [
        (
            "Livraison en Corse et dans les îles",
            "La Corse et les îles sont livrées sur devis transport : comptez 8 à 10 "
            "jours ouvrés après expédition, par transporteur et bateau.",
            """## Délai
Expédition sous 48 h depuis le stock, puis 8 à 10 jours ouvrés de transport, traversée comprise.
## Prix du transport
Devis spécifique selon le poids et le volume ; pas de livraison gratuite.
## Réception
Vérifiez les colis devant le chauffeur et notez les réserves sur le bon de livraison.""",
        ),
        (
            "Suivi de commande et réception",
            "Le numéro de suivi arrive par e-mail à l'expédition ; à la réception, "
            "vérifiez les colis devant le chauffeur et notez toute réserve.",
            """## Suivre sa commande
Un e-mail avec le lien de suivi du transporteur part le jour de l'expédition. Le transporteur appelle la veille pour fixer un créneau.
## Réceptionner
Comptez les colis, ouvrez ceux qui sont abîmés, écrivez des réserves précises sur le bon (« panneau plié », « carton ouvert »). Sans réserve, une casse est difficile à faire prendre en charge.
## Colis abîmé ou manquant
Prévenez-nous sous 48 h avec des photos : voir [[Réclamation client]].""",
        ),
        (
            "Modes de paiement",
            "Carte bancaire, virement ou chèque ; paiement en trois fois sans frais "
            "au-delà de 500 € ; les professionnels paient à 30 jours.",
            """## Particuliers
Carte bancaire ou virement à la commande ; chèque accepté en agence. Paiement en trois fois sans frais au-delà de 500 €.
## Professionnels
Paiement à 30 jours fin de mois après ouverture de compte.
## Acompte [interne]
Pour les portails sur mesure, acompte de 30 % à la commande ; l'ADV peut lever l'acompte pour les clients grands comptes.""",
        ),
        (
            "Pose par nos installateurs partenaires",
            "Nous ne posons pas nous-mêmes : un réseau d'installateurs partenaires "
            "pose clôtures et portails, sur devis, dans la plupart des départements.",
            """## Comment ça marche
Le client demande un devis de pose ; l'installateur partenaire le plus proche le rappelle sous 5 jours ouvrés et vient mesurer.
## Prix de la pose
Sur devis de l'installateur, selon le terrain et la longueur : comptez une journée pour 25 à 40 m de panneaux rigides.
## Faire soi-même
La pose est accessible à un bricoleur : voir [[Pose d'une clôture en panneaux rigides]].""",
        ),
    ],
    "traitements": [
        (
            "Entretien d'une clôture",
            "Une clôture plastifiée se lave à l'eau savonneuse une fois par an ; pas de "
            "nettoyeur haute pression de près ni de solvant.",
            """## Nettoyage
Eau tiède et savon doux, brosse souple, rinçage au jet. Le nettoyeur haute pression reste à 50 cm au moins.
## Vérifications annuelles
Resserrez les fixations, vérifiez les poteaux après l'hiver, retouchez les éclats, voir [[Retouche de peinture]].
## Bord de mer
Rincez à l'eau douce deux fois par an, voir [[Corrosion en bord de mer]].""",
        ),
    ],
    "poteaux-et-fixations": [
        (
            "Poteau qui bouge ou qui penche",
            "Un poteau qui bouge a un plot de béton trop petit ou trop peu profond, ou "
            "un sol détrempé : il faut le dégager et le resceller.",
            """## Causes
Plot trop petit, béton trop maigre, terrain argileux qui gonfle et se rétracte, clôture occultée qui prend le vent.
## Réparer
Dégagez le poteau, élargissez le trou, coulez un plot plus grand et plus profond (voir [[Scellement des poteaux]]), étayez 48 h.
## Garantie
Un scellement raté n'est pas couvert par la [[Garantie des produits]].""",
        ),
    ],
    "grillage-simple-torsion": [
        (
            "Clôture électrique",
            "Une clôture électrique (électrificateur, fil ou ruban, piquets isolés) "
            "garde les animaux ; on peut la poser en haut d'un grillage contre un chien qui saute.",
            """## Composants
Un électrificateur sur secteur, batterie ou solaire (voir [[Choisir un électrificateur]]), des piquets et isolateurs, du fil ou du ruban, une prise de terre.
## Sécurité
Panneaux d'avertissement tous les 50 m le long d'une voie publique ; électrificateur conforme à la norme.
## Prix
Comptez 150 à 400 € pour l'électrificateur, plus 1 à 2 € par mètre de fil et de piquets.""",
        ),
        (
            "Clôture agricole",
            "Pour les prés et les pâtures : grillage noué ou soudé galvanisé, piquets "
            "bois ou acier tous les 3 à 5 m, avec un fil barbelé ou électrique.",
            """## Choisir le grillage
Grillage noué à mailles progressives pour moutons et chèvres, [[Grillage soudé 100 x 50]] pour les petites surfaces.
## Poteaux
Piquets bois traités ou piquets acier en T tous les 3 à 5 m, jambes de force aux angles.""",
        ),
    ],
    "panneaux-rigides": [
        (
            "Gabion décoratif",
            "Le gabion est une cage en fil galvanisé remplie de pierres : il sert de "
            "mur de clôture, de muret ou de brise-vue minéral.",
            """## Dimensions
Hauteurs de 0,80 m à 2 m, épaisseurs de 10 à 30 cm ; poteaux tous les 2 m.
## Remplissage
Galets ou pierres concassées de 60 à 90 mm, environ 1,5 tonne par m³, voir [[Pierres de remplissage des gabions]].
## Prix
Comptez 120 à 200 € le mètre linéaire hors pierres.""",
        ),
        (
            "Occultation bois composite",
            "Les lames en bois composite occultent totalement : elles se glissent entre "
            "des poteaux aluminium, sans entretien.",
            """## Pose
Lames de 1,80 m entre poteaux aluminium rainurés, hauteur 1,80 m ou 2 m.
## Entretien
Un lavage à l'eau par an ; les lames grisent légèrement la première année.
## Vent
Une clôture pleine prend le vent : poteaux tous les 1,80 m au plus, voir [[Scellement des poteaux]].""",
        ),
        (
            "Prix d'une clôture au mètre linéaire",
            "Fourniture seule : simple torsion 8 à 15 € le mètre, panneau rigide 25 à "
            "45 € le mètre, occultée 60 à 120 € ; la pose double à peu près le prix.",
            """## Ordres de prix (fourniture)
| Clôture | Prix au mètre linéaire |
| Grillage simple torsion | 8 à 15 € |
| Panneau rigide 1,53 m | 25 à 45 € |
| Panneau occulté | 60 à 120 € |
| Gabion | 120 à 200 € |
## Ce qui fait varier le prix
La hauteur, la finition (plastifiée ou galvanisée), les angles et les portillons, le terrain.
## Remises [interne]
Au-delà de 200 panneaux, voir l'ADV avant devis : la marge est réduite et les remises sont validées par le chef des ventes.""",
        ),
    ],
}

# Articles whose sections answer customers on the websites.
PUBLIC = {
    "Portail qui frotte au sol",
    "Dépannage de la motorisation",
    "Dimensions d'un portail",
    "Délais de livraison",
    "Livraison en Corse et dans les îles",
    "Suivi de commande et réception",
    "Modes de paiement",
    "Pose par nos installateurs partenaires",
    "Entretien d'une clôture",
    "Poteau qui bouge ou qui penche",
    "Rouille blanche",
    "Garantie des produits",
    "Retour de marchandise",
    "Hauteurs des panneaux rigides",
    "Coloris RAL disponibles",
    "Plan local d'urbanisme et clôtures",
    "Prix d'une clôture au mètre linéaire",
    "Portail coulissant",
    "Portail battant",
    "Gabion décoratif",
    "Occultation bois composite",
    "Occultation des panneaux rigides",
    "Scellement des poteaux",
}
