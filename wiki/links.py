"""Wiki links: `[[Article title]]` and `[[Article title|label]]`.

Links are resolved when an article is cleaned (before Wagtail serializes the
revision), into `WikiLink` child rows holding the target page's id. Rendering
uses those rows, so a renamed or moved article keeps its incoming links, and
Wagtail's reference index (which follows ParentalKey children) records each link:
"What links here" is `ReferenceIndex.get_references_to(page)`. Unknown titles keep
`target=None`: they render as red links and feed the "wanted articles" report.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# In rendered HTML the title is already escaped text: no tags, no brackets.
LINK_RE = re.compile(r"\[\[([^\[\]|<>\n]{1,200}?)(?:\|([^\[\]<>\n]{1,200}?))?\]\]")


def title_key(title: str) -> str:
    """Case-, accent- and space-insensitive key used to match titles."""
    # Fold case after the compatibility decomposition too: "𝑨" (math bold) only
    # becomes "A" there, and must key like "a".
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", title).casefold()
    )
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.replace("’", "'").split())


def find_titles(text: str) -> list[str]:
    """Titles linked from raw (possibly HTML-escaped) text, in order, deduplicated."""
    seen: dict[str, str] = {}
    for match in LINK_RE.finditer(text):
        title = " ".join(html.unescape(match.group(1)).split())
        if title:
            seen.setdefault(title_key(title), title)
    return list(seen.values())


def body_link_texts(body) -> list[str]:
    """Raw texts of the StreamField blocks that may contain [[links]]."""
    texts = []
    for block in body:
        if block.block_type == "paragraph":
            texts.append(block.value.source)
        elif block.block_type == "callout":
            texts.append(block.value["text"])
    return texts


def create_url(title: str, category_id: int | None = None) -> str:
    params = {"title": title}
    if category_id:
        params["category"] = category_id
    return f"{reverse('wiki:create')}?{urlencode(params)}"


def render_links(
    escaped_html: str, link_map: dict, category_id: int | None = None
) -> SafeString:
    """Replace [[...]] in already-escaped HTML by links.

    `link_map` maps title_key -> (url, title) for existing articles; others
    become red links to the "create this article" view.
    """

    def replace(match):
        title = " ".join(html.unescape(match.group(1)).split())
        label = html.unescape(match.group(2)).strip() if match.group(2) else title
        found = link_map.get(title_key(title))
        if found:
            url, real_title = found
            return format_html(
                '<a class="wikilink" href="{}" title="{}">{}</a>',
                url,
                real_title,
                label or title,
            )
        return format_html(
            '<a class="wikilink wikilink-missing" href="{}" rel="nofollow" '
            'title="{}">{}</a>',
            create_url(title, category_id),
            _("%(title)s (article not written yet)") % {"title": title},
            label or title,
        )

    return mark_safe(LINK_RE.sub(replace, str(escaped_html)))  # noqa: S308 - parts escaped above


def render_text_links(text: str, link_map: dict, category_id=None) -> SafeString:
    return render_links(escape(text), link_map, category_id)


def sync_article_links(page) -> None:
    """Set `page.wiki_links` from the [[titles]] in its body (in memory)."""
    from .models import ArticlePage, WikiLink

    titles: dict[str, str] = {}
    for text in body_link_texts(page.body):
        for title in find_titles(text):
            titles.setdefault(title_key(title), title[:255])
    targets: dict[str, int] = {}
    if titles:
        for pk, title in ArticlePage.objects.live().values_list("pk", "title"):
            key = title_key(title)
            if key in titles:
                targets.setdefault(key, pk)
    page.wiki_links = [
        WikiLink(title=title, key=key[:255], target_id=targets.get(key), sort_order=i)
        for i, (key, title) in enumerate(titles.items())
    ]
