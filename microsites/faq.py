"""« Questions fréquentes » on the public sites: editors write the question the
way customers ask it, the answer is a public passage of the encyclopédie (kept
once, in the wiki, so 80 sites never drift from what the experts wrote).

One resolver serves the block's HTML and the page's FAQPage JSON-LD, so both
show the same answers, and a passage that stops being public (the article no
longer "answers customers", the heading became "staff only", the article was
unpublished) disappears from both at the next render: internal text never
reaches a customer through an FAQ someone wrote months ago.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

FAQ_BLOCK = "faq"


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str


def heading_key(heading: str) -> str:
    """Headings compared as editors type them: case, spaces and apostrophes
    (’ or ') do not matter."""
    return " ".join((heading or "").replace("’", "'").casefold().split())


def _item_key(item) -> tuple[int, str] | None:
    article = item.get("article")
    if article is None:
        return None
    return (article.pk, heading_key(item.get("section") or ""))


def public_passages(keys) -> dict[tuple[int, str], str]:
    """{(article id, heading key): text} of the public passages asked for, in
    one query. The summary (anchor "") answers an empty section."""
    from wiki.models import ArticlePassage

    keys = {key for key in keys if key is not None}
    if not keys:
        return {}
    rows = ArticlePassage.objects.filter(
        page_id__in={article for article, _heading in keys},
        page__live=True,
        public=True,
    ).values_list("page_id", "anchor", "heading", "text")
    found = {}
    for page_id, anchor, heading, text in rows:
        key = (page_id, "" if anchor == "" else heading_key(heading))
        if key in keys:
            found[key] = text
    return found


def _faq_values(page):
    body = getattr(page, "body", None)
    if not body:
        return
    # The raw JSON says whether there is an FAQ at all: most pages have none,
    # and binding every block of their body only to look costs a render's worth.
    if not any(block.get("type") == FAQ_BLOCK for block in body.raw_data):
        return
    for block in body:
        if block.block_type == FAQ_BLOCK:
            yield block.value


def _page_passages(page) -> dict:
    """The passages of every FAQ of `page`, fetched once per page object."""
    cached = getattr(page, "_faq_passages", None)
    if cached is None:
        keys = [
            _item_key(item) for value in _faq_values(page) for item in value["items"]
        ]
        cached = public_passages(keys)
        page._faq_passages = cached
    return cached


def entries(value, passages: dict) -> list[FaqEntry]:
    """The questions of one FAQ block that have a public answer, in order."""
    result = []
    for item in value["items"]:
        text = passages.get(_item_key(item))
        if text:
            result.append(FaqEntry(question=item["question"], answer=text))
    return result


def block_entries(value, page=None) -> list[FaqEntry]:
    if page is not None and any(v is value for v in _faq_values(page)):
        return entries(value, _page_passages(page))
    keys = [_item_key(item) for item in value["items"]]
    return entries(value, public_passages(keys))


def page_entries(page) -> list[FaqEntry]:
    """Every answered question of the page's FAQ blocks (for FAQPage); no
    query when the page has none."""
    passages = _page_passages(page)
    return [entry for value in _faq_values(page) for entry in entries(value, passages)]


def faq_page(page_entries_: list[FaqEntry]) -> dict:
    """schema.org FAQPage: only for questions the page shows with their answer."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
            }
            for entry in page_entries_
        ],
    }


def section_problem(article, section: str) -> str:
    """Why this article/section cannot answer customers, or "" when it can
    (the editor's error message in the admin)."""
    if article is None:
        return ""
    key = (article.pk, heading_key(section))
    if public_passages([key]):
        return ""
    from wiki.models import ArticlePassage

    passages = ArticlePassage.objects.filter(page_id=article.pk)
    if section and not any(
        heading_key(p.heading) == key[1] for p in passages if p.anchor
    ):
        headings = [p.heading for p in passages if p.anchor]
        return _(
            "“%(article)s” has no section “%(section)s”. Its sections: %(headings)s."
        ) % {
            "article": article.title,
            "section": section,
            "headings": ", ".join(headings) or _("none (leave empty for the summary)"),
        }
    return _(
        "This part of “%(article)s” is for staff only: in the wiki, tick “answer "
        "customers with this article”, or set its heading to “Yes, customers "
        "too”, then publish."
    ) % {"article": article.title}
