"""Responsive pictures of the public sites, one place for their renditions: each
use (hero, page image, card, gallery, project) has its widths and the `sizes` the
layout gives it, so the `<picture>` and the `<link rel=preload>` of the same image
ask the browser for exactly the same files (WebP, JPEG fallback)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images.models import Filter, Picture, ResponsiveImage

FORMATS = ("webp", "jpeg")
# The HTML of a picture, per process: Wagtail finds six renditions per picture
# (cache keys, filter specs, focal point) — about 40 % of an uncached page's
# render. The key holds what changes the renditions (file, size, focal point),
# so an edited image gets new HTML at once; the lifetime bounds the rest (a
# rendition deleted by hand is looked up again within ten minutes).
MEMO_SIZE = 4096
MEMO_SECONDS = 600
_memo: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
_memo_lock = threading.Lock()


def _image_key(image) -> tuple:
    return (
        image.pk,
        image.created_at,  # a new image that took a deleted one's id differs
        image.file.name,
        image.file_hash,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )


def _memoised(key: tuple, build) -> str:
    now = time.monotonic()
    with _memo_lock:
        hit = _memo.get(key)
        if hit is not None and now - hit[0] < MEMO_SECONDS:
            _memo.move_to_end(key)
            return hit[1]
    html = build()
    with _memo_lock:
        _memo[key] = (now, html)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return html


def rendition_url(image, spec: str) -> str:
    """The URL of one rendition (JSON-LD, og:image), kept like the pictures."""
    if image is None:
        return ""
    key = ("url", _image_key(image), spec)
    return _memoised(key, lambda: image.get_rendition(spec).url)


def memo_clear() -> None:
    with _memo_lock:
        _memo.clear()


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
    key = ("picture", _image_key(image), use_name, alt, lazy, css_class)
    return SafeString(
        _memoised(key, lambda: _picture(image, use_name, alt, lazy, css_class))
    )


def _picture(image, use_name, alt, lazy, css_class) -> str:
    attrs = {"sizes": USES[use_name].sizes, "decoding": "async"}
    if alt is not None:
        attrs["alt"] = alt
    if css_class:
        attrs["class"] = css_class
    if lazy:
        attrs["loading"] = "lazy"
    else:
        attrs["fetchpriority"] = "high"
    return str(Picture(renditions(image, use_name), attrs).__html__())


def preload_html(image, use_name: str) -> str:
    """The `<link rel=preload>` of a first-screen picture: its WebP srcset and the
    same sizes, so the browser starts it before reading the body."""
    if image is None:
        return ""
    key = ("preload", _image_key(image), use_name)
    return SafeString(_memoised(key, lambda: _preload(image, use_name)))


def _preload(image, use_name: str) -> str:
    webp = [r for spec, r in renditions(image, use_name).items() if "webp" in spec]
    return str(
        format_html(
            '<link rel="preload" as="image" type="image/webp" imagesrcset="{}" '
            'imagesizes="{}" fetchpriority="high">',
            ResponsiveImage.get_width_srcset(webp),
            USES[use_name].sizes,
        )
    )
