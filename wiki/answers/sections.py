"""An article cut into the passages the answer engine quotes.

The first passage is the article's summary ("the answer to give on the
phone") with what comes before the first heading; then one passage per
heading (h2 or h3), holding the blocks up to the next heading. Anchors are the
ones the article page renders (`ArticlePage.table_of_contents`), so a passage
links to its heading.

Who may read a passage: customers only when the article says "answer
customers" and the heading does not say "staff only", or when the heading
says "customers too". Product facts contribute their public fields only
(`block_texts`), and "Tip for the phone" callouts (advice for the staff on the
line) are left out of public passages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..models.pages import block_texts, plain_text

MAX_CHARS = 1500  # ~350 tokens: what the embedding model reads well


@dataclass(frozen=True)
class Section:
    position: int
    anchor: str
    heading: str
    text: str
    public: bool

    def embedding_text(self, title: str) -> str:
        """What is embedded: the article title and heading give the context a
        bare paragraph lacks ("Réglage" alone says nothing)."""
        if self.heading and self.heading != title:
            head = f"{title} — {self.heading}"
        else:
            head = title
        return f"{head}. {self.text}"[:MAX_CHARS]

    def digest(self, title: str) -> str:
        return hashlib.sha256(self.embedding_text(title).encode()).hexdigest()


def _is_public(article_public: bool, audience: str) -> bool:
    if audience == "public":
        return True
    if audience == "staff":
        return False
    return article_public


def article_sections(page) -> list[Section]:
    anchors = {item["id"]: item["anchor"] for item in page.table_of_contents()}
    article_public = bool(page.answer_customers)
    groups: list[dict] = [
        {
            "anchor": "",
            "heading": page.title,
            "public": article_public,
            "parts": [page.summary],
        }
    ]
    for block in page.body:
        if block.block_type == "heading":
            groups.append(
                {
                    "anchor": anchors.get(block.id, ""),
                    "heading": block.value["text"],
                    "public": _is_public(
                        article_public, block.value.get("audience") or ""
                    ),
                    "parts": [],
                }
            )
            continue
        current = groups[-1]
        if (
            current["public"]
            and block.block_type == "callout"
            and block.value["kind"] == "tip"
        ):
            continue
        current["parts"].extend(block_texts(block.block_type, block.value))
    sections, seen = [], set()
    for group in groups:
        text = " ".join(plain_text(group["parts"]).split())
        if group["anchor"] in seen or (not text and group["anchor"]):
            continue  # an empty heading (or a duplicate anchor) answers nothing
        seen.add(group["anchor"])
        sections.append(
            Section(
                position=len(sections),
                anchor=group["anchor"],
                heading=group["heading"],
                text=text,
                public=group["public"],
            )
        )
    return sections
