"""French typography for the public sites: the spaces French puts around some
punctuation must never break a line ("Devis gratuit :" with the colon alone on the
next line, "90" and "%" on two lines, "« » " opening a line). Applied at display
time to titles, intros and rich text (text nodes only, never inside a tag or a
URL), so editors type ordinary spaces.

Rules (Imprimerie nationale, as most French sites apply them):
- narrow no-break space (U+202F) before ; ! ? and inside « »;
- no-break space (U+00A0) before : and between a number and its unit or %.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_UNITS = (
    r"%|‰|€|°C|°|h|min|s|mm|cm|m²|m³|m|km|kg|g|t|ans?|jours?|mois|semaines?|"
    r"heures?|coloris|modèles?|ml|l|W|kW|V"
)
# after a word (not "/?q=" in a URL) or after spaces, which it replaces
_BEFORE_TIGHT = re.compile(r"(?:(?<=\w)|[ \u00a0\u202f]+)([;!?»])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)")
_AFTER_OPEN = re.compile(r"«[ \u00a0]*")
_GLUED_PERCENT = re.compile(r"(\d)%")
_NUMBER_UNIT = re.compile(rf"(\d)[ \u00a0]+(?=(?:{_UNITS})(?![\w]))")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})[ \u00a0](?=\d{3}(?!\d))")
# tags and character references ("&amp;" ends with a ";" that is no semicolon)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>|&#?\w+;)")


def _tight(match: re.Match) -> str:
    return NNBSP + match.group(1)


def french_text(text: str) -> str:
    """Typography of plain text (no HTML)."""
    if not text:
        return text
    text = _BEFORE_TIGHT.sub(_tight, text)
    text = text.replace("!" + NNBSP + "?", "!?").replace("?" + NNBSP + "!", "?!")
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPEN.sub("«" + NNBSP, text)
    text = _THOUSANDS.sub(r"\1" + NNBSP, text)
    text = _GLUED_PERCENT.sub(r"\1" + NBSP + "%", text)
    return _NUMBER_UNIT.sub(r"\1" + NBSP, text)


def french_html(html: str) -> str:
    """The same rules in HTML, on text between tags only (attributes and URLs
    stay as they are)."""
    if not html:
        return html
    parts = _TAG_OR_TEXT.split(str(html))
    return "".join(
        part if part.startswith(("<", "&")) else french_text(part) for part in parts
    )
