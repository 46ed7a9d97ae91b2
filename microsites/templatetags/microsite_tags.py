"""Template tags of the public sites: responsive pictures, French typography,
schema.org JSON-LD."""

import json

from django import template
from django.utils.safestring import SafeData, mark_safe

from .. import pictures, typography

register = template.Library()


@register.simple_tag
def ms_picture(image, use, alt=None, lazy=True, css_class=""):
    """{% ms_picture page.image "page" lazy=False %}"""
    return pictures.picture_html(image, use, alt=alt, lazy=lazy, css_class=css_class)


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
