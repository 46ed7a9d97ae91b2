"""French places for the site factory: the departments (code, name, article) and
the phrases a text needs around a place ("à Dijon", "en Côte-d'Or", "dans le
Rhône", "du Rhône"). Pure functions, no database.

The typography work on microsites keeps its own department table; the lead merges
the two (this one is what the factory's placeholders and validation need).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# code|name|article — article: le, la, les, lm (l' masculine), lf (l' feminine),
# or "-" (no article: a city-department, an island).
_TABLE = """
01|Ain|lm
02|Aisne|lf
03|Allier|lm
04|Alpes-de-Haute-Provence|les
05|Hautes-Alpes|les
06|Alpes-Maritimes|les
07|Ardèche|lf
08|Ardennes|les
09|Ariège|lf
10|Aube|lf
11|Aude|lf
12|Aveyron|lm
13|Bouches-du-Rhône|les
14|Calvados|le
15|Cantal|le
16|Charente|la
17|Charente-Maritime|la
18|Cher|le
19|Corrèze|la
2A|Corse-du-Sud|la
2B|Haute-Corse|la
21|Côte-d'Or|la
22|Côtes-d'Armor|les
23|Creuse|la
24|Dordogne|la
25|Doubs|le
26|Drôme|la
27|Eure|lf
28|Eure-et-Loir|lm
29|Finistère|le
30|Gard|le
31|Haute-Garonne|la
32|Gers|le
33|Gironde|la
34|Hérault|lm
35|Ille-et-Vilaine|lf
36|Indre|lf
37|Indre-et-Loire|lf
38|Isère|lf
39|Jura|le
40|Landes|les
41|Loir-et-Cher|le
42|Loire|la
43|Haute-Loire|la
44|Loire-Atlantique|la
45|Loiret|le
46|Lot|le
47|Lot-et-Garonne|le
48|Lozère|la
49|Maine-et-Loire|le
50|Manche|la
51|Marne|la
52|Haute-Marne|la
53|Mayenne|la
54|Meurthe-et-Moselle|la
55|Meuse|la
56|Morbihan|le
57|Moselle|la
58|Nièvre|la
59|Nord|le
60|Oise|lf
61|Orne|lf
62|Pas-de-Calais|le
63|Puy-de-Dôme|le
64|Pyrénées-Atlantiques|les
65|Hautes-Pyrénées|les
66|Pyrénées-Orientales|les
67|Bas-Rhin|le
68|Haut-Rhin|le
69|Rhône|le
70|Haute-Saône|la
71|Saône-et-Loire|la
72|Sarthe|la
73|Savoie|la
74|Haute-Savoie|la
75|Paris|-
76|Seine-Maritime|la
77|Seine-et-Marne|la
78|Yvelines|les
79|Deux-Sèvres|les
80|Somme|la
81|Tarn|le
82|Tarn-et-Garonne|le
83|Var|le
84|Vaucluse|le
85|Vendée|la
86|Vienne|la
87|Haute-Vienne|la
88|Vosges|les
89|Yonne|lf
90|Territoire de Belfort|le
91|Essonne|lf
92|Hauts-de-Seine|les
93|Seine-Saint-Denis|la
94|Val-de-Marne|le
95|Val-d'Oise|le
971|Guadeloupe|la
972|Martinique|la
973|Guyane|la
974|La Réunion|-
976|Mayotte|-
"""

# article → (in, of, the): "en {name}", "de la {name}", "la {name}"
_PHRASES = {
    "le": ("dans le {}", "du {}", "le {}"),
    "la": ("en {}", "de la {}", "la {}"),
    "lm": ("dans l'{}", "de l'{}", "l'{}"),
    "lf": ("en {}", "de l'{}", "l'{}"),
    "les": ("dans les {}", "des {}", "les {}"),
    "-": ("à {}", "de {}", "{}"),
}


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    article: str

    @property
    def in_phrase(self) -> str:
        """ "en Côte-d'Or", "dans le Rhône", "dans les Alpes-Maritimes"."""
        return _PHRASES[self.article][0].format(self.name)

    @property
    def of_phrase(self) -> str:
        """ "de la Côte-d'Or", "du Rhône", "des Landes"."""
        return _PHRASES[self.article][1].format(self.name)

    @property
    def the_phrase(self) -> str:
        """ "la Côte-d'Or", "le Rhône", "l'Ain"."""
        return _PHRASES[self.article][2].format(self.name)

    def __str__(self):
        return f"{self.name} ({self.code})"


DEPARTMENTS: dict[str, Department] = {
    code: Department(code, name, article)
    for code, name, article in (line.split("|") for line in _TABLE.strip().splitlines())
}


def fold(text: str) -> str:
    """Lowercase, without accents, apostrophes and dashes as spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for mark in ("'", "’", "-", "_"):
        text = text.replace(mark, " ")
    return " ".join(text.split())


_BY_NAME = {fold(d.name): d for d in DEPARTMENTS.values()}


def department_find(value: str) -> Department | None:
    """A department by code ("21", "2a", "974", "1" for "01") or name, any case
    and accents ("cote d'or")."""
    value = (value or "").strip()
    code = value.upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return DEPARTMENTS.get(code) or _BY_NAME.get(fold(value))


def department_of_postcode(postal_code: str) -> str:
    """'21000' → '21', '20090' → '2A', '20200' → '2B', '97400' → '974'."""
    digits = (postal_code or "").strip()
    if len(digits) != 5 or not digits.isdigit():
        return ""
    if digits.startswith("20"):  # Corsica: 200xx–201xx south, 202xx–206xx north
        return "2A" if digits[2] in "01" else "2B"
    if digits.startswith("97"):
        return digits[:3]
    return digits[:2]


_VOWELS = "aeiouyhàâéèêëîïôöûùü"


def city_in(city: str) -> str:
    """ "à Dijon", "au Mans", "aux Sables-d'Olonne", "à La Rochelle"."""
    city = (city or "").strip()
    if city.startswith("Le "):
        return "au " + city[3:]
    if city.startswith("Les "):
        return "aux " + city[4:]
    return "à " + city


def city_of(city: str) -> str:
    """ "de Dijon", "d'Angers", "du Mans", "des Sables-d'Olonne"."""
    city = (city or "").strip()
    if city.startswith("Le "):
        return "du " + city[3:]
    if city.startswith("Les "):
        return "des " + city[4:]
    if city[:1].lower() in _VOWELS:
        return "d'" + city
    return "de " + city
