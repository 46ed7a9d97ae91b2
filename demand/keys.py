"""Normalised question keys: the same need, however it is typed, is one item.

"Délai livraison ?", "délais de livraison" and "livraison : quel délai" all key
as "delai livraison": case and accents folded, punctuation gone, French
question and stop words dropped, a plural's last s/x cut, the remaining words
sorted. Kept here rather than borrowed from the wiki's search stemmer: the key
is stored, so it must not change when the search's own tuning does.
"""

from __future__ import annotations

import re
import unicodedata

KEY_MAX = 200
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

STOP_WORDS = frozenset(
    """
    a ai as au aux avec avez avoir c ca ce ceci cela ces cet cette chez combien
    comment d dans de des dois doit doivent donc du elle elles en es est et etre
    faire fait faut il ils j je jusqu l la le les leur leurs lui m ma mais me mes
    moi mon n ne ni nos notre nous on ou par pas peut peux peuvent plus pour
    pourquoi puis puisse quand que quel quelle quelles quels qu qui quoi s sa se
    ses si sont son sur t ta te tes toi ton tu un une vais va vos votre vous y
    bonjour svp merci stp
    the of and to in for what how is are can do i my
    """.split()
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _light_stem(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def question_key(text: str) -> str:
    """The grouping key of a question, "" when nothing meaningful is left."""
    words = [w for w in WORD_RE.findall(fold(text or "")) if w not in STOP_WORDS]
    stems = sorted({_light_stem(w) for w in words if not w.isdigit() or len(w) > 1})
    return " ".join(stems)[:KEY_MAX]


def tidy(text: str, limit: int = 255) -> str:
    """The wording as shown: spaces collapsed, cut to the column's size."""
    return " ".join((text or "").split())[:limit]
