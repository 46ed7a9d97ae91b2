"""Responsive pictures of the public sites, one place for their renditions: each
use (hero, page image, card, gallery, project) has its widths and the `sizes` the
layout gives it, so the `<picture>` and the `<link rel=preload>` of the same image
ask the browser for exactly the same files (WebP, JPEG fallback)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images.models import Filter, Picture, ResponsiveImage

FORMATS = ("webp", "jpeg")


@dataclass(frozen=True)
class Use:
    widths: tuple[int, ...]
    sizes: str  # what the layout gives the picture, for the browser's choice
    crop: bool = False  # cards crop to 3:2, the others keep the photo's shape

    def spec(self, width: int, fmt: str) -> str:
        resize = f"fill-{width}x{width * 2 // 3}" if self.crop else f"width-{width}"
        return f"{resize}|format-{fmt}"


USES = {
    # home: text and picture side by side, one column on phones
    "hero": Use((480, 800, 1200), "(max-width: 820px) 100vw, 560px"),
    # top of a product or content page, in the article column
    "page": Use((480, 800, 1200), "(max-width: 820px) 100vw, 760px"),
    # product and project cards: a grid of ~340px columns
    "card": Use((400, 800), "(max-width: 620px) 100vw, 340px", crop=True),
    "gallery": Use((400, 800), "(max-width: 620px) 100vw, 360px"),
}


def renditions(image, use_name: str) -> dict:
    use = USES[use_name]
    specs = [use.spec(width, fmt) for fmt in FORMATS for width in use.widths]
    return image.get_renditions(*[Filter(spec=spec) for spec in specs])


def picture_html(image, use_name: str, *, alt=None, lazy=True, css_class="") -> str:
    """`<picture>` with a WebP `<source srcset>`, a JPEG `<img srcset>`, `sizes`,
    width/height (no layout shift) and `loading=lazy` below the fold (the first
    screen's picture is fetched at once, `fetchpriority=high`)."""
    if image is None:
        return ""
    attrs = {"sizes": USES[use_name].sizes, "decoding": "async"}
    if alt is not None:
        attrs["alt"] = alt
    if css_class:
        attrs["class"] = css_class
    if lazy:
        attrs["loading"] = "lazy"
    else:
        attrs["fetchpriority"] = "high"
    return SafeString(Picture(renditions(image, use_name), attrs).__html__())


def preload_html(image, use_name: str) -> str:
    """The `<link rel=preload>` of a first-screen picture: its WebP srcset and the
    same sizes, so the browser starts it before reading the body."""
    if image is None:
        return ""
    webp = [r for spec, r in renditions(image, use_name).items() if "webp" in spec]
    return format_html(
        '<link rel="preload" as="image" type="image/webp" imagesrcset="{}" '
        'imagesizes="{}" fetchpriority="high">',
        ResponsiveImage.get_width_srcset(webp),
        USES[use_name].sizes,
    )
