"""French-aware search helpers shared by indexing and querying.

SQLite FTS5 has no French stemmer and the three backends (SQLite, PostgreSQL,
Elasticsearch) stem differently, so articles also index `search_stems`: their
words folded (no accents, lower case) and cut by the small light stemmer below.
Queries are stemmed the same way, so "galvanisé" finds "galvanisation" on every
backend. Highlighting uses the same stems, so what is marked is what matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape as html_escape  # what django.utils.html.escape runs

from django.utils.safestring import SafeString, mark_safe

WORD_RE = re.compile(r"\w+", re.UNICODE)

# Longest first; a suffix is cut only if at least MIN_STEM letters remain.
DERIVATIONAL = (
    "issements",
    "issement",
    "ications",
    "ication",
    "ateurs",
    "atrices",
    "ations",
    "ateur",
    "atrice",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "euses",
    "euse",
    "ables",
    "able",
    "ites",
    "ite",
    "ures",
    "ure",
    "ages",
    "age",
    "eurs",
    "eur",
    "ives",
    "ive",
    "ifs",
    "if",
    "ees",
    "ee",
    "es",
    "er",
    "ez",
    "e",
)
ICATION_TO = {"ication": "i", "ications": "i"}
MIN_STEM = 4
STOP_WORDS = frozenset(
    "a au aux avec ce ces dans de des du en et il la le les leur mais ne ni nos "
    "notre ou par pas pour que qui sa se ses son sur un une vos votre est sont d l "
    "the of and to in for".split()
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """`fold` for one word, cached: a wiki's vocabulary is small and repetitive."""
    return fold(word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light French stemmer (plural, then one derivational suffix)."""
    word = fold_word(word)
    if len(word) > MIN_STEM and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    for suffix in DERIVATIONAL:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)] + ICATION_TO.get(suffix, "")
    return word


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def stems_of(text: str) -> list[str]:
    """Stems of the meaningful words of a text (stop words and digits-only dropped)."""
    result = []
    for word in words(text):
        folded = fold_word(word)
        if folded in STOP_WORDS or folded.isdigit():
            continue
        result.append(stem(folded))
    return result


@lru_cache(maxsize=16384)
def stem_set(text: str) -> frozenset[str]:
    """The stems of a short text (a title, a summary), remembered: ranking
    reads the same titles search after search."""
    return frozenset(stems_of(text))


def stemmed_text(text: str) -> str:
    return " ".join(dict.fromkeys(stems_of(text)))


def query_stems(query: str) -> list[str]:
    return list(dict.fromkeys(stems_of(query)))


def matches(word: str, stems: list[str], prefix: str | None = None) -> bool:
    word_stem = stem(word)
    if word_stem in stems:
        return True
    return bool(prefix) and fold_word(word).startswith(prefix)


def _hit_test(query: str):
    """A word -> "is it a match?" function for `query`, remembering verdicts
    (a text repeats its words)."""
    stems = query_stems(query)
    typed = words(query)
    last = fold(typed[-1]) if typed else None
    prefix = last if last and len(last) >= 3 else None
    verdicts: dict[str, bool] = {}

    def is_hit(word: str) -> bool:
        if word not in verdicts:
            verdicts[word] = matches(word, stems, prefix)
        return verdicts[word]

    return is_hit


def _excerpt_tokens(text: str, is_hit, width: int) -> tuple[list, int]:
    """Word matches of `text` up to the excerpt around the first hit, plus one
    (to know whether the text goes on), and the index of that first hit (0
    when none). Bodies run to thousands of words: the rest is never read."""
    tokens, first, stop = [], None, None
    for token in WORD_RE.finditer(text):
        tokens.append(token)
        if stop is None:
            if is_hit(token.group()):
                first = len(tokens) - 1
                stop = max(first - width // 3, 0) + width
            else:
                continue
        if len(tokens) > stop:
            break
    return tokens, first or 0


def highlight(text: str, query: str, *, width: int = 32) -> SafeString:
    """An escaped excerpt of `text` around the first match, matches in <mark>.

    Escape first, then mark: only the words we wrap are not user text.
    """
    return highlighter(query)(text, width=width)


def highlighter(query: str):
    """`highlight` for many texts of one search: the query is read once and
    each word's verdict is shared by every title and snippet of the page."""
    is_hit = _hit_test(query)

    def excerpt(text: str, *, width: int = 32) -> SafeString:
        return _excerpt(text, is_hit, width)

    return excerpt


def _excerpt(text: str, is_hit, width: int) -> SafeString:
    tokens, first = _excerpt_tokens(text, is_hit, width)
    if not tokens:
        return mark_safe("")
    start_token = max(first - width // 3, 0)
    end_token = min(start_token + width, len(tokens)) - 1
    start = tokens[start_token].start() if start_token else 0
    end = tokens[end_token].end() if end_token < len(tokens) - 1 else len(text)
    out = ["… " if start else ""]
    cursor = start
    for token in tokens[start_token : end_token + 1]:
        if is_hit(token.group()):
            out.append(html_escape(text[cursor : token.start()]))
            out.append(f"<mark>{html_escape(token.group())}</mark>")
            cursor = token.end()
    out.append(html_escape(text[cursor:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every text part escaped above
