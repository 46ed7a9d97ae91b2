"""Placeholders of template content, filled by the site factory.

A template site's pages may say `Devis gratuit {{a_ville}}, {{en_departement}}`;
the factory writes the new site's values in their place (PLACEHOLDERS lists them,
microsites/README.md documents them). A live city site can serve as template too:
its own facts (city, department, postcode, address, phone, e-mail, name), read
from its branding, are first turned back into placeholders, so "Devis gratuit à
Lyon" becomes "Devis gratuit à Dijon" and never leaks onto another city's site.

Only evergreen content is kept: testimonial, project and news blocks are dropped
(they belong to one city's customers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from . import places

# name → what it becomes (shown to editors in the factory and the README)
PLACEHOLDERS = {
    "nom": _("the site's name (Portails Dijon)"),
    "ville": _("the city (Dijon)"),
    "a_ville": _("“in” the city (à Dijon, au Mans)"),
    "de_ville": _("“of” the city (de Dijon, d'Angers, du Mans)"),
    "departement": _("the department (Côte-d'Or)"),
    "en_departement": _("“in” the department (en Côte-d'Or, dans le Rhône)"),
    "du_departement": _("“of” the department (de la Côte-d'Or, du Rhône)"),
    "le_departement": _("the department with its article (la Côte-d'Or)"),
    "numero_departement": _("the department's number (21)"),
    "code_postal": _("the postcode (21000)"),
    "adresse": _("the full address (3 rue Vauban, 21000 Dijon)"),
    "telephone": _("the phone number (03 80 12 34 00)"),
    "email": _("the e-mail address"),
}
# Block types that hold one city's customers or events, never copied.
DROPPED_BLOCKS = frozenset(
    {"quote", "testimonial", "testimonials", "project", "projects", "news"}
)
PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}\s]{1,40})\s*\}\}")
# Page fields never rewritten (tree bookkeeping, not text a visitor reads).
SKIPPED_FIELDS = frozenset({"slug", "url_path", "path", "translation_key"})
ADDRESS_TAIL = re.compile(r"(\d{5})\s+([^,\d][^,]*)$")


@dataclass(frozen=True)
class Place:
    """What a site is about, where: the values placeholders stand for."""

    name: str
    city: str
    department: places.Department | None
    postal_code: str
    address: str
    phone: str
    email: str

    def values(self) -> dict[str, str]:
        department = self.department
        return {
            "nom": self.name,
            "ville": self.city,
            "a_ville": places.city_in(self.city),
            "de_ville": places.city_of(self.city),
            "departement": department.name if department else "",
            "en_departement": department.in_phrase if department else "",
            "du_departement": department.of_phrase if department else "",
            "le_departement": department.the_phrase if department else "",
            "numero_departement": department.code if department else "",
            "code_postal": self.postal_code,
            "adresse": self.address,
            "telephone": self.phone,
            "email": self.email,
        }


def place_of_branding(branding, name: str) -> Place:
    """A template site's own facts, from its branding ("…, 69003 Lyon")."""
    address = (branding.address or "").strip() if branding else ""
    match = ADDRESS_TAIL.search(address)
    postal_code, city = (match.group(1), match.group(2).strip()) if match else ("", "")
    department = places.department_find(places.department_of_postcode(postal_code))
    return Place(
        name=name,
        city=city,
        department=department,
        postal_code=postal_code,
        address=address,
        phone=(branding.phone or "").strip() if branding else "",
        email=(branding.email or "").strip() if branding else "",
    )


def _word(text: str) -> str:
    """A whole word or phrase: "Rhône" but not "Bouches-du-Rhône"."""
    return r"(?<![\w-])" + re.escape(text) + r"(?![\w-])"


def templatize_rules(place: Place) -> list[tuple[re.Pattern, str]]:
    """(pattern, placeholder) turning a template's own facts back into
    placeholders; longest first, so "dans le Rhône" wins over "Rhône"."""
    pairs = []
    for key, value in place.values().items():
        if value and len(value) >= 2 and key != "numero_departement":
            pairs.append((value, key))
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [
        (re.compile(_word(value), re.IGNORECASE if "@" in value else 0), key)
        for value, key in pairs
    ]


def templatize(text: str, rules) -> str:
    for pattern, key in rules:
        text = pattern.sub("{{" + key + "}}", text)
    return text


def _key(name: str) -> str:
    return places.fold(name).replace(" ", "_")


def fill(text: str, values: dict[str, str], *, html: bool = False) -> str:
    """Placeholders replaced by their values (escaped in rich text); unknown
    ones are left for the editor to see (publishing refuses them)."""

    def replace(match):
        value = values.get(_key(match.group(1)))
        if value is None:
            return match.group(0)
        return escape(value) if html else value

    return PLACEHOLDER_RE.sub(replace, text)


def unfilled(text: str) -> list[str]:
    return [match.group(0) for match in PLACEHOLDER_RE.finditer(text or "")]


# --- page content -----------------------------------------------------------


def _walk(block, value, rewrite):
    """The raw value of a StreamField, with `rewrite(text, html)` applied to its
    text and the dropped block types removed."""
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        kept = []
        for item in value:
            kind = item.get("type") if isinstance(item, dict) else None
            if kind in DROPPED_BLOCKS or kind not in block.child_blocks:
                continue
            kept.append(
                {
                    **item,
                    "value": _walk(block.child_blocks[kind], item["value"], rewrite),
                }
            )
        return kept
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [
            {**item, "value": _walk(block.child_block, item["value"], rewrite)}
            if isinstance(item, dict) and item.get("type") == "item"
            else _walk(block.child_block, item, rewrite)
            for item in value
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: _walk(block.child_blocks[name], inner, rewrite)
            if name in block.child_blocks
            else inner
            for name, inner in value.items()
        }
    if isinstance(value, str):
        if isinstance(block, blocks.RichTextBlock):
            return rewrite(value, True)
        if isinstance(block, blocks.FieldBlock):
            return rewrite(value, False)
    return value


def _text_fields(page):
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        if isinstance(field, StreamField | RichTextField):
            yield field
        elif field.get_internal_type() in ("CharField", "TextField") and not (
            field.choices
        ):
            yield field


def page_rewritten(page, rewrite) -> dict:
    """{field: new value} for every text of `page` that `rewrite(text, html)`
    changes (StreamFields as raw data, dropped blocks removed)."""
    changed = {}
    for field in _text_fields(page):
        value = getattr(page, field.name)
        if isinstance(field, StreamField):
            raw = list(value.get_prep_value()) if value is not None else []
            new = _walk(field.stream_block, raw, rewrite)
        elif isinstance(value, str):
            new = rewrite(value, isinstance(field, RichTextField))
            raw = value
        else:
            continue
        if new != raw:
            changed[field.name] = new
    return changed


def page_texts(page) -> list[str]:
    """Every text of a page (what a check for leftovers reads)."""
    found: list[str] = []

    def collect(text, html):
        found.append(text)
        return text

    page_rewritten(page, collect)
    return found


def filler(place_from: Place | None, place_to: Place):
    """`rewrite(text, html)`: the template's facts become placeholders, then
    every placeholder gets the new site's value."""
    rules = templatize_rules(place_from) if place_from else []
    values = place_to.values()

    def rewrite(text: str, html: bool) -> str:
        return fill(templatize(text, rules), values, html=html)

    return rewrite
