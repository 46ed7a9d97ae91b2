# ruff: noqa: E501 - demo prose: one paragraph per line reads better than wrapped
"""French demo content: the "encyclopédie du grillage".

Body mini-syntax (parsed by wiki.seeds.build_body): "## " heading, "### "
subheading, "! " callout (à savoir), "!! " warning, "| a | b |" table rows
(first row = header), "@FACT-REF" a product fact, anything else a paragraph.
"""

# slug: (title, description, requires_review)
CATEGORIES = {
    "panneaux-rigides": (
        "Panneaux rigides",
        "Panneaux soudés à plis de renfort : gammes, hauteurs, coloris.",
        True,
    ),
    "grillage-simple-torsion": (
        "Grillage simple torsion",
        "Le grillage traditionnel en rouleaux, galvanisé ou plastifié.",
        False,
    ),
    "grillage-soude": (
        "Grillage soudé",
        "Rouleaux soudés pour jardins, chenils et protections légères.",
        False,
    ),
    "portails-et-portillons": (
        "Portails et portillons",
        "Battants, coulissants, portillons, motorisation et quincaillerie.",
        True,
    ),
    "poteaux-et-fixations": (
        "Poteaux et fixations",
        "Poteaux à encoches, à clips, jambes de force et accessoires.",
        False,
    ),
    "traitements": (
        "Traitements galvanisation et plastification",
        "Protection contre la corrosion : galvanisation, plastification, thermolaquage.",
        True,
    ),
    "normes-et-pose": (
        "Normes et pose",
        "Règles d'urbanisme, normes produits et méthodes de pose.",
        True,
    ),
    "sav": (
        "Service après-vente",
        "Garanties, réclamations, pièces détachées et retours.",
        False,
    ),
}

# (reference, name, summary, [(label, value, unit)], internal notes, cost, supplier)
FACTS = [
    (
        "AX3D-1530-V",
        "Panneau rigide Axis 3D 1,53 m vert",
        "Panneau soudé fil 5 mm, 3 plis de renfort, plastifié vert RAL 6005.",
        [
            ("Hauteur", "1530", "mm"),
            ("Largeur", "2500", "mm"),
            ("Maille", "200 x 55", "mm"),
            ("Diamètre du fil", "5", "mm"),
            ("Plis de renfort", "3", ""),
            ("Finition", "galvanisé + plastifié RAL 6005", ""),
        ],
        "Marge réduite sur les chantiers > 200 panneaux : voir l'ADV avant devis.",
        "24.90",
        "Tréfileries de l'Est",
    ),
    (
        "ST-50-1500-V",
        "Grillage simple torsion 50 x 50 plastifié vert",
        "Rouleau de 25 m, fil 2,4 mm plastifié, hauteur 1,50 m.",
        [
            ("Hauteur", "1500", "mm"),
            ("Longueur du rouleau", "25", "m"),
            ("Maille", "50 x 50", "mm"),
            ("Fil (âme + PVC)", "2,0 / 2,4", "mm"),
        ],
        "Stock tampon 400 rouleaux à Reims ; réassort fournisseur 3 semaines.",
        "38.50",
        "Grillages du Nord",
    ),
    (
        "PE-6040-2000",
        "Poteau à encoches 60 x 40 pour panneaux",
        "Poteau acier galvanisé plastifié, encoches tous les 100 mm, avec capuchon.",
        [
            ("Section", "60 x 40", "mm"),
            ("Longueur", "2000", "mm"),
            ("Épaisseur", "1,5", "mm"),
            ("Finition", "galvanisé + plastifié", ""),
        ],
        "Ne pas proposer en bord de mer sans traitement Zinc-Alu (retours 2023).",
        "11.20",
        "Profilés Martin",
    ),
    (
        "PB-OCEAN-400",
        "Portail battant Océan 4 m",
        "Portail deux vantaux en aluminium, remplissage lames horizontales.",
        [
            ("Passage libre", "4000", "mm"),
            ("Hauteur", "1500", "mm"),
            ("Matériau", "aluminium thermolaqué", ""),
            ("Garantie structure", "10", "ans"),
        ],
        "Motorisation vendue avec pose uniquement en Île-de-France (partenaire).",
        "690.00",
        "Alu Atlantique",
    ),
    (
        "RS-100-1200-G",
        "Grillage soudé 100 x 50 galvanisé",
        "Rouleau de 25 m, fil 2,2 mm, hauteur 1,20 m, pour clôtures agricoles.",
        [
            ("Hauteur", "1200", "mm"),
            ("Maille", "100 x 50", "mm"),
            ("Fil", "2,2", "mm"),
            ("Longueur", "25", "m"),
        ],
        "Prix d'achat indexé sur l'acier : révision trimestrielle.",
        "29.00",
        "Tréfileries de l'Est",
    ),
]

# category slug -> list of (title, summary, body)
ARTICLES = {
    "panneaux-rigides": [
        (
            "Panneau rigide",
            "Un panneau rigide est une clôture soudée en acier, avec des plis de "
            "renfort, posée entre des poteaux tous les 2,50 m.",
            """## À quoi sert un panneau rigide
Le panneau rigide est la clôture la plus vendue aux particuliers et aux collectivités. Il se pose sur des [[Poteau à encoches|poteaux à encoches]] ou sur des [[Poteau à clips]], sans tension, ce qui le rend plus simple à poser que le [[Grillage simple torsion]].
## Hauteurs et largeurs
Toutes nos gammes existent en largeur 2,50 m. Les hauteurs vont de 0,63 m à 2,43 m ; voir [[Hauteurs des panneaux rigides]].
@AX3D-1530-V
? Au téléphone, demandez toujours la longueur totale de clôture et le nombre d'angles : c'est ce qui fixe le nombre de poteaux.
## Finitions
Les panneaux sont [[Galvanisation à chaud|galvanisés]] puis [[Plastification polyester|plastifiés]]. Le vert RAL 6005 et le gris anthracite RAL 7016 sont en stock ; les autres teintes sont sur commande, voir [[Coloris RAL disponibles]].""",
        ),
        (
            "Hauteurs des panneaux rigides",
            "Hauteurs standard : 0,63 – 1,03 – 1,23 – 1,53 – 1,73 – 1,93 – 2,03 – 2,43 m, "
            "avec un nombre de plis qui augmente avec la hauteur.",
            """## Tableau des hauteurs
| Hauteur (m) | Plis de renfort | Poteau conseillé (m) |
| 0,63 | 2 | 1,00 |
| 1,03 | 2 | 1,50 |
| 1,23 | 2 | 1,70 |
| 1,53 | 3 | 2,00 |
| 1,73 | 3 | 2,20 |
| 1,93 | 3 | 2,40 |
| 2,43 | 4 | 3,00 |
## Comment choisir
Pour un jardin, 1,53 m est le meilleur compromis. Au-delà de 1,80 m en limite de propriété, vérifiez le [[Plan local d'urbanisme et clôtures|PLU]] de la commune.
! La hauteur du poteau tient compte du scellement : 40 à 50 cm dans le béton, voir [[Scellement des poteaux]].""",
        ),
        (
            "Panneau rigide Axis 3D",
            "Axis 3D est notre panneau d'entrée de gamme : fil 4 ou 5 mm, plis en V, "
            "maille 200 x 55 mm.",
            """## Caractéristiques
@AX3D-1530-V
## Quand le proposer
Axis 3D convient aux jardins et aux lotissements. Pour un site industriel ou une école, proposez plutôt le [[Panneau double fil]].
!! Le fil 4 mm n'est pas adapté aux zones exposées aux chocs (parkings, cours d'école).""",
        ),
        (
            "Panneau double fil",
            "Panneau sans pli, à fils horizontaux doublés (6/5/6 ou 8/6/8 mm) : très "
            "rigide, pour sites sensibles et collectivités.",
            """## Points forts
Le double fil résiste aux chocs et à l'escalade. Il se pose sur des poteaux à platine ou à sceller, avec des [[Fixations anti-vandalisme]].
## Références
Disponible en 6/5/6 et 8/6/8, hauteurs 0,83 à 2,43 m. Finition [[Galvanisation à chaud]] + [[Plastification polyester]].
! Délai habituel : 2 à 3 semaines pour les teintes hors stock.""",
        ),
        (
            "Occultation des panneaux rigides",
            "Les lames d'occultation PVC ou les brise-vues se glissent dans les "
            "mailles des panneaux pour cacher la vue.",
            """## Lames PVC
Les lames se glissent verticalement dans la maille 200 x 55. Comptez 1 kit par panneau de 2,50 m.
## Brise-vue
Un brise-vue en rouleau se fixe par attaches. Pour une occultation durable, voir aussi [[Occultation bois composite]] ou le [[Gabion décoratif]].
!! Une clôture occultée prend le vent : renforcez le [[Scellement des poteaux]] et espacez moins les poteaux en zone ventée.""",
        ),
        (
            "Coloris RAL disponibles",
            "En stock : vert RAL 6005, gris anthracite RAL 7016, blanc RAL 9010. Sur "
            "commande : toute teinte RAL avec délai et minimum de commande.",
            """## Teintes en stock
Vert mousse RAL 6005, gris anthracite RAL 7016, blanc RAL 9010 : expédition sous 48 h.
## Teintes sur commande
Toute teinte du nuancier RAL, minimum 20 panneaux, délai 3 semaines. Le traitement est une [[Plastification polyester]].
! Pour un raccord de teinte sur une clôture existante, demandez une photo et la référence RAL du chantier d'origine.""",
        ),
    ],
    "grillage-simple-torsion": [
        (
            "Grillage simple torsion",
            "Grillage en rouleaux de 25 m, maille losange 50 x 50 mm, tendu entre des "
            "poteaux avec des fils de tension.",
            """## Principe
Le grillage simple torsion est souple : il se déroule et se tend avec des [[Fils de tension et raidisseurs]]. Il reste le plus économique pour les grandes longueurs.
@ST-50-1500-V
## Galvanisé ou plastifié
Le grillage [[Galvanisation à chaud|galvanisé]] est gris ; le plastifié est vert ou gris. Voir [[Grillage galvanisé ou plastifié]].
? Une clôture simple torsion se vend au mètre linéaire, poteaux et tendeurs compris.""",
        ),
        (
            "Fils de tension et raidisseurs",
            "Trois fils de tension (haut, milieu, bas) maintiennent le grillage ; les "
            "raidisseurs les tendent tous les 25 m.",
            """## Combien de fils
Jusqu'à 1,20 m : 2 fils. De 1,50 m à 2 m : 3 fils. Les fils sont fixés aux [[Jambes de force]] aux angles.
## Tension
Les raidisseurs se serrent avec une clé dédiée. Ne tendez pas par temps très froid : le fil se détend l'été.
!! Un grillage mal tendu est la première cause de réclamation, voir [[Réclamation pour grillage détendu]].""",
        ),
        (
            "Grillage galvanisé ou plastifié",
            "Galvanisé : moins cher, aspect gris brillant. Plastifié : plus durable et "
            "plus discret, en vert ou gris.",
            """## Comparaison
| Critère | Galvanisé | Plastifié |
| Durée de vie | 10 à 15 ans | 20 ans et plus |
| Aspect | gris métal | vert RAL 6005 ou gris |
| Prix relatif | base 100 | environ 130 |
## Conseil
En bord de mer, privilégiez le plastifié sur [[Galvanisation à chaud]], voir [[Corrosion en bord de mer]].""",
        ),
        (
            "Pose du grillage simple torsion",
            "Poser les poteaux d'angle et les jambes de force, tirer les fils de "
            "tension, dérouler puis ligaturer le grillage.",
            """## Étapes
1. Implanter et sceller les poteaux, voir [[Scellement des poteaux]].
2. Poser les [[Jambes de force]] aux angles et tous les 25 m.
3. Tendre les [[Fils de tension et raidisseurs]].
4. Dérouler le grillage et le ligaturer tous les 30 cm.
! Comptez une journée à deux pour 50 m linéaires en terrain plat.""",
        ),
        (
            "Grillage simple torsion pour chenil",
            "Pour un chenil, choisissez une maille 50 x 50 en fil renforcé et un "
            "enterrement de 30 cm pour éviter que le chien ne creuse.",
            """## Recommandations
Hauteur mini 1,50 m pour un grand chien. Enterrez le bas du [[Grillage simple torsion]] ou posez un soubassement. Pour un chien qui saute, ajoutez un fil de [[Clôture électrique]] en haut.
## Alternative
Le [[Grillage soudé 100 x 50]] est plus rigide mais moins économique sur de grandes longueurs.""",
        ),
    ],
    "grillage-soude": [
        (
            "Grillage soudé",
            "Rouleau de grillage à mailles rectangulaires soudées, plus rigide que le "
            "simple torsion, pour les clôtures légères et le jardin.",
            """## Usages
Potagers, poulaillers, clôtures de jardin de faible hauteur. Il se fixe sur des [[Poteau à clips|poteaux à clips]] ou des piquets en T.
## Mailles
50 x 50, 100 x 50 et 100 x 75 mm. Voir [[Grillage soudé 100 x 50]].""",
        ),
        (
            "Grillage soudé 100 x 50",
            "Le 100 x 50 est la maille la plus courante pour les clôtures agricoles et "
            "les jardins : rouleau 25 m, fil 2,2 à 2,5 mm.",
            """## Fiche produit
@RS-100-1200-G
## Pose
Le grillage soudé se tend moins que le [[Grillage simple torsion]] : un fil de tension en haut suffit jusqu'à 1,20 m.""",
        ),
        (
            "Grillage soudé pour poulailler",
            "Pour un poulailler, maille 13 x 13 ou 25 x 25 en bas contre les "
            "rongeurs, 50 x 50 au-dessus.",
            """## Protection contre les prédateurs
Enterrez 20 cm de grillage ou rabattez-le vers l'extérieur. Fermez le dessus avec un filet.
! Les fouines passent par une maille de 5 cm : conseillez la maille fine sur toute la hauteur si le client en a vu.""",
        ),
        (
            "Différence entre grillage soudé et panneau rigide",
            "Le grillage soudé est livré en rouleau et reste souple ; le panneau "
            "rigide est livré à plat, avec des plis, et ne se tend pas.",
            """## En résumé
| Critère | Grillage soudé | Panneau rigide |
| Livraison | rouleau 25 m | panneaux 2,50 m |
| Rigidité | faible | forte |
| Prix au mètre | bas | moyen |
Pour un rendu net et durable, le [[Panneau rigide]] reste le meilleur choix.""",
        ),
        (
            "Stockage des rouleaux de grillage",
            "Stockez les rouleaux debout, à l'abri de l'humidité stagnante, sans les "
            "empiler à plat plus de trois rangs.",
            """## Bonnes pratiques
Des rouleaux écrasés gardent des plis à la pose. Le plastifié craint les UV prolongés avant pose : bâchez-le.
!! Un rouleau [[Grillage galvanisé ou plastifié|galvanisé]] stocké mouillé et emballé peut présenter de la rouille blanche, voir [[Rouille blanche]].""",
        ),
    ],
    "portails-et-portillons": [
        (
            "Portail battant",
            "Portail à un ou deux vantaux qui s'ouvrent vers l'intérieur de la "
            "propriété ; il demande un dégagement égal à la largeur d'un vantail.",
            """## Dimensions
Passages de 3 à 5 m. Au-delà, proposez un [[Portail coulissant]].
@PB-OCEAN-400
## Motorisation
Un portail battant se motorise par vérins ou par bras articulés, voir [[Motorisation de portail]].""",
        ),
        (
            "Portail coulissant",
            "Le portail coulissant glisse le long de la clôture : idéal si l'allée est "
            "en pente ou courte.",
            """## Sur rail ou autoportant
Sur rail : moins cher, mais le rail doit rester propre. Autoportant : aucun rail au sol, pour les grandes largeurs.
## Dégagement
Prévoir une longueur de clôture libre égale au passage plus 50 cm.
! La motorisation d'un coulissant est plus simple et plus fiable que celle d'un battant, voir [[Motorisation de portail]].""",
        ),
        (
            "Portillon",
            "Porte piétonne de 1 m assortie à la clôture ou au portail, avec serrure et "
            "poignées.",
            """## Pose
Le portillon se pose entre deux poteaux de 80 x 80 mm scellés, voir [[Scellement des poteaux]].
## Serrure
Serrure à cylindre européen ; option gâche électrique pour un visiophone.""",
        ),
        (
            "Motorisation de portail",
            "Vérins ou bras pour un battant, moteur à crémaillère pour un coulissant ; "
            "alimentation 230 V ou solaire.",
            """## Choix du moteur
| Type de portail | Motorisation | Poids maxi |
| Battant | vérins | 250 kg par vantail |
| Battant | bras articulés | 200 kg par vantail |
| Coulissant | crémaillère | 600 kg |
## Sécurité
La norme impose des cellules photoélectriques et un feu clignotant, voir [[Norme NF EN 13241]].
!! Un portail motorisé posé sans cellules engage la responsabilité de l'installateur.""",
        ),
        (
            "Gonds et charnières de portail",
            "Les gonds se règlent en hauteur et en profondeur ; un vantail qui frotte "
            "se règle en moins de dix minutes.",
            """## Réglage
Desserrez le contre-écrou, réglez le gond, resserrez. Pour un [[Portail battant]] lourd, préférez des gonds à sceller.
! Un réglage de gond n'est pas une panne : c'est un entretien, voir [[Garantie des produits]].""",
        ),
        (
            "Portail en kit ou sur mesure",
            "Le kit couvre les largeurs standard de 3 à 4 m ; le sur mesure s'impose "
            "pour les piliers existants non standard.",
            """## Prise de cotes
Mesurez entre piliers en haut, au milieu et en bas, et notez la plus petite cote.
## Délais
Kit : 48 h si en stock. Sur mesure : 4 à 6 semaines.""",
        ),
    ],
    "poteaux-et-fixations": [
        (
            "Poteau à encoches",
            "Poteau rectangulaire 60 x 40 mm avec encoches : les panneaux s'y "
            "accrochent sans outil, puis se verrouillent par une pièce de finition.",
            """## Fiche produit
@PE-6040-2000
## Avantages
Pose rapide et alignement automatique des [[Panneau rigide|panneaux rigides]]. Le poteau se scelle ou se fixe sur platine.""",
        ),
        (
            "Poteau à clips",
            "Poteau rond ou carré sur lequel les panneaux sont tenus par des clips "
            "métalliques ou plastiques.",
            """## Quand le choisir
Économique pour les clôtures de jardin. Les clips plastiques conviennent jusqu'à 1,53 m ; au-delà, des clips métalliques.
! Comptez 3 clips par hauteur de panneau jusqu'à 1,23 m, 4 au-delà.""",
        ),
        (
            "Scellement des poteaux",
            "Un poteau se scelle dans un plot de béton de 30 x 30 x 50 cm ; attendre 48 h "
            "avant d'y accrocher les panneaux.",
            """## Dosage
Béton dosé à 350 kg/m³, ou béton prêt à l'emploi à prise rapide.
## Profondeur
| Hauteur de clôture | Profondeur du plot |
| jusqu'à 1,23 m | 40 cm |
| 1,53 à 1,93 m | 50 cm |
| 2,03 m et plus | 60 cm |
!! En zone ventée ou avec [[Occultation des panneaux rigides|occultation]], augmentez la profondeur de 10 cm.""",
        ),
        (
            "Jambes de force",
            "Les jambes de force contrebutent les poteaux d'angle et de tension du "
            "[[Grillage simple torsion]].",
            """## Où les poser
À chaque angle (deux jambes), à chaque extrémité et tous les 25 m en ligne droite.
## Fixation
Boulonnées sur le poteau et scellées dans le même plot, voir [[Scellement des poteaux]].""",
        ),
        (
            "Fixations anti-vandalisme",
            "Vis à tête inviolable et colliers anti-arrachement pour les sites "
            "publics.",
            """## Produits
Vis à empreinte spéciale, écrous cassants, colliers pour [[Panneau double fil]].
! La clé d'empreinte est livrée en un seul exemplaire : le client doit la conserver.""",
        ),
        (
            "Poteau sur platine",
            "Le poteau sur platine se cheville sur une dalle ou un muret existant, "
            "sans scellement.",
            """## Support
Dalle béton de 15 cm minimum. Chevilles chimiques pour les clôtures de plus de 1,23 m.
!! Jamais sur un muret en parpaings creux sans chaînage : risque d'arrachement.""",
        ),
    ],
    "traitements": [
        (
            "Galvanisation à chaud",
            "La galvanisation à chaud plonge l'acier dans un bain de zinc fondu à "
            "450 °C : l'acier galvanisé résiste à la rouille pendant des décennies.",
            """## Principe
Le zinc protège l'acier de deux façons : par effet barrière et par protection cathodique. Un fil galvanisé rayé ne rouille pas autour de la rayure.
## Épaisseur de zinc
| Produit | Zinc (g/m²) |
| Fil de grillage | 40 à 60 |
| Panneau rigide | 40 à 50 |
| Poteau | 275 |
! La galvanisation est suivie d'une [[Plastification polyester]] sur les produits colorés.""",
        ),
        (
            "Plastification polyester",
            "Revêtement en poudre polyester cuit au four sur l'acier galvanisé : il "
            "colore le produit et double sa durée de vie.",
            """## Procédé
Dégraissage, poudrage électrostatique, cuisson à 200 °C. Épaisseur 100 µm.
## Teintes
Voir [[Coloris RAL disponibles]].
!! Un éclat de plastification se retouche avec la bombe de la bonne teinte RAL, voir [[Retouche de peinture]].""",
        ),
        (
            "Rouille blanche",
            "Dépôt blanc poudreux sur l'acier galvanisé stocké humide : c'est de "
            "l'oxyde de zinc, sans effet sur la durée de vie s'il disparaît en séchant.",
            """## Que répondre au client
La rouille blanche n'est pas un défaut de [[Galvanisation à chaud|galvanisation]]. Elle disparaît avec l'exposition à l'air.
## Poudre blanche sur le grillage ou les poteaux
Des taches ou une poudre blanche sur un grillage galvanisé neuf, c'est de la corrosion blanche du zinc : brossez à sec avec une brosse douce, laissez sécher à l'air ; la couche de zinc reste et protège l'acier.
## Prévention
Stockage ventilé, voir [[Stockage des rouleaux de grillage]].""",
        ),
        (
            "Corrosion en bord de mer",
            "À moins de 3 km de la mer, l'air salin attaque le zinc : choisir des "
            "produits plastifiés et une galvanisation renforcée.",
            """## Recommandations
Produits galvanisés puis plastifiés, visserie inox A4, rinçage à l'eau douce deux fois par an.
! Notre garantie corrosion est réduite en bord de mer, voir [[Garantie des produits]].""",
        ),
        (
            "Thermolaquage de l'aluminium",
            "Les portails aluminium sont thermolaqués : poudre cuite au four, "
            "couleur garantie 10 ans.",
            """## Entretien
Eau savonneuse, jamais de solvant. Les rayures se retouchent, voir [[Retouche de peinture]].
## Label
Finition labellisée Qualicoat pour nos portails [[Portail battant|battants]] et coulissants.""",
        ),
        (
            "Retouche de peinture",
            "Un éclat se retouche avec la bombe de retouche à la teinte RAL du "
            "produit, après un léger ponçage et un dégraissage.",
            """## Méthode
Poncer au grain fin, dégraisser, appliquer deux couches fines.
! Les bombes de retouche sont offertes avec toute commande de plus de 20 panneaux.""",
        ),
    ],
    "normes-et-pose": [
        (
            "Plan local d'urbanisme et clôtures",
            "Le PLU de la commune fixe la hauteur maximale et l'aspect des clôtures ; "
            "une déclaration préalable peut être exigée.",
            """## Ce qu'il faut vérifier
Hauteur maximale (souvent 1,80 m ou 2 m), matériaux et couleurs autorisés, obligation de déclaration préalable.
## Côté voisin
En limite séparative, la clôture peut être mitoyenne : voir [[Clôture mitoyenne]].
!! Nous ne donnons pas d'avis juridique engageant : orientez vers la mairie, ou vers le service juridique pour les grands comptes.""",
        ),
        (
            "Clôture mitoyenne",
            "Une clôture posée sur la limite appartient aux deux voisins, qui en "
            "partagent l'entretien ; posée en retrait, elle appartient à celui qui l'a "
            "payée.",
            """## Conseil
Poser à 50 cm en retrait évite les litiges. Voir aussi [[Plan local d'urbanisme et clôtures]].""",
        ),
        (
            "Norme NF EN 13241",
            "Norme européenne des portes et portails industriels, commerciaux et "
            "résidentiels motorisés : sécurité, marquage CE et notice.",
            """## Exigences principales
Limitation des efforts, détection d'obstacles, marquage CE, notice et déclaration de performance.
## Pour nos portails
Nos kits de [[Motorisation de portail]] sont conformes quand ils sont posés avec cellules et feu clignotant.""",
        ),
        (
            "Pose d'une clôture en panneaux rigides",
            "Implanter, sceller le premier poteau, accrocher le panneau, sceller le "
            "poteau suivant : on avance panneau par panneau.",
            """## Étapes
### Implantation
Tendez un cordeau et repérez les poteaux tous les 2,52 m d'axe en axe.
### Scellement
Voir [[Scellement des poteaux]]. Sur dalle, utilisez un [[Poteau sur platine]].
### Accrochage
Accrochez les [[Panneau rigide|panneaux]] sur les [[Poteau à encoches|encoches]] au fur et à mesure.
! Sur un terrain en pente, posez en escalier : chaque panneau reste horizontal.""",
        ),
        (
            "Clôture en terrain en pente",
            "En pente, les panneaux rigides se posent en escalier ; le grillage souple "
            "suit le terrain.",
            """## Panneaux
Décalage maxi de 20 cm entre deux panneaux ; comblez le bas avec une bordure.
## Grillage
Le [[Grillage simple torsion]] épouse la pente sans découpe.""",
        ),
        (
            "Distances de pose et servitudes",
            "Aucune distance minimale n'est imposée par le Code civil pour une "
            "clôture, sauf règle locale ou servitude de passage.",
            """## Cas particuliers
Servitude de passage, bord de route départementale (alignement), lignes électriques : se renseigner avant les travaux. Pour les chemins ruraux, voir [[Clôture électrique]] et [[Clôture agricole]].
! Pour les grands chantiers, le service juridique valide les points sensibles.""",
        ),
    ],
    "sav": [
        (
            "Garantie des produits",
            "Panneaux et grillages plastifiés : 10 ans contre la corrosion perforante. "
            "Portails : 10 ans structure, 2 ans motorisation.",
            """## Durées
| Produit | Garantie |
| Panneaux et grillages plastifiés | 10 ans |
| Grillages galvanisés | 5 ans |
| Portails aluminium | 10 ans (structure) |
| Motorisations | 2 ans |
## Exclusions
Pose non conforme, chocs, [[Corrosion en bord de mer]] sans précautions.
! Toute demande passe par le formulaire de [[Réclamation client]] avec photos.""",
        ),
        (
            "Réclamation client",
            "Une réclamation s'enregistre avec le numéro de commande, des photos et la "
            "description du problème ; réponse sous 5 jours ouvrés.",
            """## Étapes
1. Récupérer le numéro de commande.
2. Demander 3 photos : vue d'ensemble, détail, étiquette.
3. Enregistrer la demande ; l'ADV répond sous 5 jours.
## Cas fréquents
[[Réclamation pour grillage détendu]], éclat de peinture (voir [[Retouche de peinture]]), pièce manquante (voir [[Pièces détachées]]).""",
        ),
        (
            "Réclamation pour grillage détendu",
            "Un grillage qui se détend est presque toujours un défaut de pose : "
            "fils de tension insuffisants ou jambes de force absentes.",
            """## Diagnostic
Vérifiez les [[Fils de tension et raidisseurs]] et les [[Jambes de force]] d'angle.
!! Ce n'est pas couvert par la [[Garantie des produits]] quand la pose est en cause ; proposez une intervention payante.""",
        ),
        (
            "Pièces détachées",
            "Clips, capuchons, gonds, serrures, télécommandes : toutes les pièces sont "
            "disponibles 10 ans après l'arrêt d'une gamme.",
            """## Commander
Référence de la pièce ou photo, plus la référence du produit d'origine.
! Les télécommandes de [[Motorisation de portail]] se programment avec la notice fournie.""",
        ),
        (
            "Retour de marchandise",
            "Retour accepté sous 30 jours pour un produit non utilisé dans son "
            "emballage d'origine ; frais de retour à la charge du client.",
            """## Procédure
Demander un numéro de retour à l'ADV, puis déposer la marchandise en agence ou organiser l'enlèvement.
!! Les produits sur mesure (teintes RAL spéciales, portails sur mesure) ne sont ni repris ni échangés.""",
        ),
        (
            "Délais de livraison",
            "Stock : 48 à 72 h en France continentale. Teintes spéciales : 3 semaines. "
            "Portails sur mesure : 4 à 6 semaines.",
            """## Délais par produit
| Produit | Délai de livraison |
| Produits en stock | 48 à 72 h |
| Teintes RAL spéciales | 3 semaines |
| Portails sur mesure | 4 à 6 semaines |
## Livraison
Livraison en bord de trottoir par transporteur ; hayon sur demande. Le transporteur appelle la veille pour convenir d'un créneau.
## Zones particulières
Corse et îles : devis transport spécifique, voir [[Livraison en Corse et dans les îles]]. Voir aussi [[Portail en kit ou sur mesure]].""",
        ),
    ],
}
