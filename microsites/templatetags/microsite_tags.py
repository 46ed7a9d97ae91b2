"""Template tags of the public sites: responsive pictures, French typography,
schema.org JSON-LD."""

import json

from django import template
from django.utils.safestring import SafeData, mark_safe

from .. import fragments, pictures, typography

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        return fragments.render(
            context, self.name, lambda: self.nodelist.render(context)
        )


@register.tag("ms_fragment")
def ms_fragment(parser, token):
    """{% ms_fragment "article" %}…{% endms_fragment %}: kept rendered until
    the site or a shared fact changes (microsites.fragments)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1].strip("\"'") not in fragments.NAMES:
        raise template.TemplateSyntaxError(
            f"ms_fragment takes one of {', '.join(fragments.NAMES)}"
        )
    nodelist = parser.parse(("endms_fragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1].strip("\"'"), nodelist)


@register.simple_tag
def ms_picture(image, use, alt=None, lazy=True, css_class=""):
    """{% ms_picture page.image "page" lazy=False %}"""
    return pictures.picture_html(image, use, alt=alt, lazy=lazy, css_class=css_class)


@register.simple_tag
def ms_rendition_url(image, spec):
    """{% ms_rendition_url image "fill-1200x630" %}: one rendition's URL."""
    return pictures.rendition_url(image, spec)


@register.simple_tag
def ms_preload(image, use):
    return pictures.preload_html(image, use)


@register.filter(is_safe=True)
def typo(value):
    """French no-break spaces; HTML (rich text, safe strings) keeps its tags."""
    if value is None or value == "":
        return value
    if isinstance(value, SafeData) or hasattr(value, "__html__"):
        return mark_safe(typography.french_html(str(value.__html__())))  # noqa: S308 - only spaces change in already safe HTML
    return typography.french_text(str(value))


_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A `<script type="application/ld+json">` that no text can close early."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - <, > and & are escaped as JSON unicode
        f'<script type="application/ld+json">{text.translate(_LD_ESCAPES)}</script>'
    )
