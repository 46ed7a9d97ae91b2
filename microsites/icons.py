"""Each site's favicon and app icons, drawn from its branding (primary colour,
initials): a browser tab or a phone's home screen shows which of the 80 sites it
is. Drawn with Pillow on first request, then kept in the Django cache under a key
made of what they depend on (a colour or name change makes a new key)."""

from __future__ import annotations

import hashlib
import io

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

ICON_SIZES = (192, 512)
_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int):
    for path in _FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_icon(colour: str, initials: str, size: int) -> Image.Image:
    """A rounded square in the site's colour with its initials in white."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 5, fill=colour)
    font = _font(int(size * (0.5 if len(initials) > 1 else 0.62)))
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    return image


def _key(branding, name: str) -> str:
    digest = hashlib.sha256(
        f"{branding.primary_color}|{branding.initials}".encode()
    ).hexdigest()[:16]
    return f"microsites:icon:{name}:{digest}"


def icon_png(branding, size: int) -> bytes:
    key = _key(branding, f"png{size}")
    data = cache.get(key)
    if data is None:
        buffer = io.BytesIO()
        draw_icon(branding.primary_color, branding.initials, size).save(buffer, "PNG")
        data = buffer.getvalue()
        cache.set(key, data, 86400)
    return data


def favicon_ico(branding) -> bytes:
    key = _key(branding, "ico")
    data = cache.get(key)
    if data is None:
        buffer = io.BytesIO()
        draw_icon(branding.primary_color, branding.initials, 64).save(
            buffer, "ICO", sizes=[(16, 16), (32, 32), (48, 48)]
        )
        data = buffer.getvalue()
        cache.set(key, data, 86400)
    return data


def manifest(branding) -> dict:
    """The web app manifest: name, colours, icons (served on the site's host)."""
    return {
        "name": branding.display_name,
        "short_name": branding.display_name[:30],
        "description": branding.tagline,
        "lang": branding.default_language or "fr",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": branding.primary_color,
        "background_color": branding.background_color,
        "icons": [
            {"src": f"/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }
