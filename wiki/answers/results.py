"""What `wiki.answers.ask` returns (the package's public surface)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Passage:
    """One section of an article that answers the question.

    `anchor` is the heading's id on the article page ("" = the top, i.e. the
    summary); `url` is the staff article URL with that anchor, "" for
    `public_only` searches (the wiki is intranet: customers get the text).
    `text` is plain text, to be escaped by whoever shows it."""

    page_id: int
    title: str
    heading: str
    anchor: str
    text: str
    url: str
    score: float
    expert: str | None
    reviewed_at: date | None
    public: bool


@dataclass(frozen=True)
class Answer:
    """The passages that answer `query`, best first (at most one per article),
    and `suggestion`: the query with its typos corrected ("Vouliez-vous dire
    …"), None when nothing was corrected.

    `confident`: the best passage shares most of the question's words, or
    means nearly the same. Show it as *the* answer (the staff answer card, a
    customer's answer) only then; otherwise the passages are leads to offer
    ("sections that may answer", "un expert vous rappelle")."""

    query: str
    passages: list[Passage] = field(default_factory=list)
    suggestion: str | None = None
    confident: bool = False

    @property
    def best(self) -> Passage | None:
        return self.passages[0] if self.passages else None
