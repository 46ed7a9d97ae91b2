from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..links import render_links, render_text_links

register = template.Library()


@register.simple_tag(takes_context=True)
def wiki_richtext(context, value):
    """Rich text with [[links]] resolved against the article's link map."""
    html = conditional_escape(value)  # RichText renders itself as safe HTML
    return render_links(html, context.get("wiki_link_map") or {}, _category_id(context))


@register.simple_tag(takes_context=True)
def wiki_text(context, value):
    """Plain text (escaped, line breaks kept) with [[links]] resolved."""
    rendered = render_text_links(
        value or "", context.get("wiki_link_map") or {}, _category_id(context)
    )
    # The text was escaped by render_text_links; only <br> is added here.
    return mark_safe(rendered.replace("\n", "<br>"))  # noqa: S308


def _category_id(context):
    category = context.get("category")
    return getattr(category, "pk", None)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
