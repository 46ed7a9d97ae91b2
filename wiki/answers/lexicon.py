"""Reading a question the way people type it.

`analyze(query, vocabulary, synonyms)` folds accents and case, drops French
stop words and question words ("combien", "comment", "mon"…), looks for
editors' synonyms (multi-word ones too: "combien de temps" → "délai"), and
corrects words the articles never use against the index vocabulary
("portial" → "portail", "clotre" → "clôture"; Damerau-Levenshtein distance 1,
2 for long words, found through a delete index as SymSpell does). Each kept
word becomes a *group* of alternative stems with a weight: what was typed
(1.0), its correction (0.9), a synonym (0.8). The corrected query, when
something was corrected, is the "Vouliez-vous dire …" suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..stemming import STOP_WORDS, fold_word, stem, words

QUESTION_WORDS = frozenset(
    """
    comment combien quel quelle quels quelles pourquoi quand quoi lequel laquelle
    est ce cest ca cela ceci qu quest estce y t je j me m mon ma mes moi ton ta tes
    on nous vous il elle ils elles lui faut faire fait peut peux peuvent puis
    veux voudrais voudrait aimerais besoin avoir ai as avez ont etre suis sommes
    tres plus moins bien si dois doit doivent alors donc car chez svp merci bonjour
    quoi toujours encore deja trop rien tout tous toute toutes avant apres
    y-a-t-il ya il-y-a
    """.split()
)
IGNORED = STOP_WORDS | QUESTION_WORDS
WEIGHT_TYPED, WEIGHT_CORRECTED, WEIGHT_SYNONYM = 1.0, 0.9, 0.8


@dataclass
class Group:
    """One concept of the question: stems that may stand for it, weighted."""

    typed: str
    alternatives: dict[str, float] = field(default_factory=dict)

    def add(self, stem_: str, weight: float) -> None:
        if weight > self.alternatives.get(stem_, 0.0):
            self.alternatives[stem_] = weight


@dataclass
class Analysis:
    groups: list[Group]
    corrected: str | None  # the query with corrections, when any
    folded_words: list[str]


@dataclass(frozen=True)
class SynonymRule:
    term: tuple[str, ...]  # folded words
    expansions: tuple[tuple[str, ...], ...]
    two_way: bool


def max_distance(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def plausible_typo(typed: str, candidate: str) -> bool:
    """What slips of the keyboard look like: the first letter is right (or
    swapped with the second), and a short word loses, gains or swaps a
    letter rather than changing one ("tarte" is not a typo for "carte",
    "clotre" is one for "cloture")."""
    swapped = typed[:2] == candidate[1::-1]
    if typed[0] != candidate[0] and not swapped:
        return False
    if len(typed) <= 6 and len(typed) == len(candidate):
        pairs = zip(typed, candidate, strict=True)  # same length, checked above
        differences = [i for i, (a, b) in enumerate(pairs) if a != b]
        is_swap = (
            len(differences) == 2
            and differences[1] == differences[0] + 1
            and typed[differences[0]] == candidate[differences[1]]
        )
        return is_swap
    return True


class Vocabulary:
    """The words of the indexed passages (folded, with their frequency) and a
    delete index for typo lookup. `stems` are what the postings hold."""

    def __init__(
        self,
        counts: dict[str, int],
        stems: set[str],
        display: dict[str, str] | None = None,
    ):
        self.counts = counts
        self.stems = stems
        self.display = display or {}  # folded -> as written ("cloture" -> "clôture")
        self._deletes: dict[str, list[str]] = {}
        for word in counts:
            if max_distance(word) == 0:
                continue
            for variant in deletes(word) | {word}:
                self._deletes.setdefault(variant, []).append(word)

    def knows(self, word: str) -> bool:
        return word in self.counts

    def correction(self, word: str) -> str | None:
        limit = max_distance(word)
        if not limit:
            return None
        candidates = set()
        for variant in deletes(word) | {word}:
            candidates.update(self._deletes.get(variant, ()))
        best = None
        for candidate in candidates:
            distance = damerau(word, candidate, limit)
            if distance > limit or not plausible_typo(word, candidate):
                continue
            key = (distance, -self.counts[candidate], candidate)
            if best is None or key < best[0]:
                best = (key, candidate)
        return best[1] if best else None


def _phrase_at(folded: list[str], phrase: tuple[str, ...], start: int) -> bool:
    return tuple(folded[start : start + len(phrase)]) == phrase


def analyze(query: str, vocabulary: Vocabulary, synonyms: list[SynonymRule]):
    typed = words(query)
    folded = [fold_word(w) for w in typed]
    groups: list[Group] = []
    corrected_words = list(typed)
    corrected_any = False
    covered: set[int] = set()
    # Synonyms first: a phrase ("combien de temps") may be made of words that
    # are dropped alone.
    for rule in synonyms:
        sides = [(rule.term, rule.expansions)]
        if rule.two_way:
            sides += [(e, (rule.term,)) for e in rule.expansions]
        for phrase, targets in sides:
            for start in range(len(folded) - len(phrase) + 1):
                if not phrase or not _phrase_at(folded, phrase, start):
                    continue
                group = Group(typed=" ".join(typed[start : start + len(phrase)]))
                for word in phrase:
                    if word not in IGNORED:
                        group.add(stem(word), WEIGHT_TYPED)
                for target in targets:
                    for word in target:
                        if word not in IGNORED:
                            group.add(stem(word), WEIGHT_SYNONYM)
                if group.alternatives:
                    groups.append(group)
                    covered.update(range(start, start + len(phrase)))
    for index, word in enumerate(folded):
        if index in covered or word in IGNORED or word.isdigit() or len(word) < 2:
            continue
        group = Group(typed=typed[index])
        group.add(stem(word), WEIGHT_TYPED)
        if not vocabulary.knows(word) and stem(word) not in vocabulary.stems:
            # Unknown as written: a correction joins the group, and the
            # suggestion shows it as the articles write it.
            fixed = vocabulary.correction(word)
            if fixed is not None and stem(fixed) != stem(word):
                group.add(stem(fixed), WEIGHT_CORRECTED)
            if fixed is not None:
                corrected_words[index] = vocabulary.display.get(fixed, fixed)
                corrected_any = True
        groups.append(group)
    corrected = None
    if corrected_any:
        corrected = _rebuild(query, typed, corrected_words)
    return Analysis(groups=groups, corrected=corrected, folded_words=folded)


def _rebuild(query: str, typed: list[str], fixed: list[str]) -> str:
    """The query with corrected words put back in place (punctuation kept)."""
    out, cursor = [], 0
    for original, replacement in zip(typed, fixed, strict=True):
        at = query.find(original, cursor)
        out.append(query[cursor:at])
        out.append(replacement)
        cursor = at + len(original)
    out.append(query[cursor:])
    return "".join(out)
