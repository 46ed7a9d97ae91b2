"""Render the hub's PNG and ICO icons from hub/static/hub/favicon.svg.

Developer helper, run again after changing the SVG:
`.venv/bin/python scripts/render_icons.py` (Playwright + Debian's Chromium, Pillow).
Browsers that do not take an SVG icon (Safari's touch icon, older ones asking
for /favicon.ico) get these files, all served by the hub itself.
"""

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "hub" / "static" / "hub"
SVG = (STATIC / "favicon.svg").read_text()
CHROMIUM = "/usr/bin/chromium"


def render(page, size: int, *, background: str = "transparent") -> Image.Image:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f"<body style='margin:0;background:{background}'>"
        f"<div style='width:{size}px;height:{size}px'>{SVG}</div></body>"
    )
    png = page.locator("div").screenshot(omit_background=background == "transparent")
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        # iOS draws touch icons on black when transparent: give it the page colour.
        render(page, 180, background="#ffffff").save(
            STATIC / "apple-touch-icon.png", optimize=True
        )
        render(page, 64).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32)])
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
