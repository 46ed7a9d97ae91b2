"""Demo pictures of the product lines, drawn by code with Pillow (no downloads, no
photos of other people's work): a garden scene — sky, hedge, lawn — with the
product in front, drawn in the line's own way (welded mesh panels, gates with
bars, privacy slats, stone cages…). Each line has its colours; each variant
changes the light and the finish, so two products of a site never share a
picture. Pure functions: `draw(kind, variant)` returns a Pillow image."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 800
HORIZON = 470  # where the lawn starts

# RAL finishes the demo products come in (name → colour)
FINISHES = (
    ("gris anthracite RAL 7016", (56, 62, 66)),
    ("vert mousse RAL 6005", (31, 70, 48)),
    ("blanc RAL 9016", (236, 238, 234)),
    ("noir RAL 9005", (24, 24, 26)),
    ("gris clair RAL 7035", (196, 200, 198)),
)
SKIES = (
    ((124, 178, 222), (214, 232, 244)),  # clear morning
    ((92, 140, 196), (196, 218, 238)),  # midday
    ((236, 170, 120), (250, 222, 190)),  # late afternoon
    ((150, 170, 190), (220, 226, 232)),  # overcast
)


def finish(variant: int) -> tuple[str, tuple[int, int, int]]:
    return FINISHES[variant % len(FINISHES)]


def _gradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(x0, y), (x1, y)], fill=colour)


def _scene(variant: int, rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top, bottom = SKIES[variant % len(SKIES)]
    _gradient(draw, (0, 0, WIDTH, HORIZON), top, bottom)
    # a house and a hedge in the distance, softened below
    house_x = rng.randint(80, 760)
    draw.rectangle([house_x, 250, house_x + 300, HORIZON], fill=(226, 214, 196))
    draw.polygon(
        [(house_x - 20, 255), (house_x + 150, 150), (house_x + 320, 255)],
        fill=(158, 84, 62),
    )
    for window in range(3):
        wx = house_x + 30 + window * 95
        draw.rectangle([wx, 300, wx + 55, 360], fill=(96, 120, 140))
    for x in range(-40, WIDTH + 40, 55):
        radius = rng.randint(45, 70)
        green = (44 + rng.randint(0, 30), 92 + rng.randint(0, 30), 52)
        draw.ellipse(
            [x - radius, HORIZON - radius - 20, x + radius, HORIZON + 20], fill=green
        )
    image = image.filter(ImageFilter.GaussianBlur(3))
    draw = ImageDraw.Draw(image)
    _gradient(draw, (0, HORIZON, WIDTH, HEIGHT), (104, 158, 72), (64, 118, 48))
    for _ in range(500):  # grass texture
        x, y = rng.randrange(WIDTH), rng.randrange(HORIZON, HEIGHT)
        draw.line([(x, y), (x + rng.randint(-3, 3), y - 8)], fill=(58, 108, 44))
    return image


def _posts(draw, xs, top, bottom, colour, width=22):
    for x in xs:
        draw.rectangle([x - width // 2, top, x + width // 2, bottom], fill=colour)
        draw.rectangle([x - width // 2, top - 6, x + width // 2, top], fill=colour)


def _mesh_panel(draw, box, colour, wire, cell=(50, 100), folds=True):
    """A welded mesh panel (panneau rigide): verticals, horizontals, V folds."""
    x0, y0, x1, y1 = box
    for x in range(x0, x1 + 1, cell[0]):
        draw.line([(x, y0), (x, y1)], fill=colour, width=wire)
    for y in range(y0, y1 + 1, cell[1] // 2 if not folds else cell[1]):
        draw.line([(x0, y), (x1, y)], fill=colour, width=wire)
    if folds:  # the 3D panel's horizontal reinforcement folds
        for y in (y0 + (y1 - y0) // 3, y0 + 2 * (y1 - y0) // 3):
            draw.line([(x0, y), (x1, y)], fill=colour, width=wire * 3)


def draw_mesh(image, colour, variant, rng, folds=True):
    draw = ImageDraw.Draw(image)
    top, bottom = 330, 640
    xs = list(range(60, WIDTH, 270))
    for left, right in zip(xs, xs[1:], strict=False):
        _mesh_panel(
            draw, (left + 12, top + 10, right - 12, bottom), colour, 4, folds=folds
        )
    _posts(draw, xs, top, bottom + 20, colour)


def draw_soft_mesh(image, colour, variant, rng):
    """Simple-torsion fencing: a diamond net between round posts, a tension wire."""
    draw = ImageDraw.Draw(image)
    top, bottom, step = 360, 640, 26
    for x in range(-400, WIDTH, step):
        draw.line([(x, bottom), (x + (bottom - top), top)], fill=colour, width=2)
        draw.line([(x, top), (x + (bottom - top), bottom)], fill=colour, width=2)
    for y in (top, (top + bottom) // 2, bottom):
        draw.line([(0, y), (WIDTH, y)], fill=colour, width=3)
    _posts(draw, range(90, WIDTH, 330), top - 10, bottom + 20, colour, width=16)


def draw_gate(image, colour, variant, rng, leaves=2, height=300):
    """A swing gate: frame, vertical bars, a curved top rail, two pillars."""
    draw = ImageDraw.Draw(image)
    bottom = 650
    left, right = 230, 970
    pillar = (214, 206, 192)
    for x in (left - 70, right):
        draw.rectangle([x, bottom - height - 60, x + 70, bottom + 10], fill=pillar)
        draw.rectangle(
            [x - 6, bottom - height - 74, x + 76, bottom - height - 60],
            fill=(180, 170, 156),
        )
    width = (right - left) // leaves
    for leaf in range(leaves):
        x0 = left + leaf * width + 6
        x1 = x0 + width - 12
        rise = 50 if variant % 2 == 0 else 0  # arched or straight top
        for x in range(x0, x1 + 1, 32):
            t = (x - x0) / max(1, x1 - x0)
            arch = rise * (1 - (2 * t - 1) ** 2) if leaves == 2 else 0
            draw.line([(x, bottom), (x, bottom - height - arch)], fill=colour, width=9)
        draw.rectangle([x0, bottom - 24, x1, bottom], fill=colour)
        draw.rectangle(
            [x0, bottom - height // 2 - 10, x1, bottom - height // 2 + 10], fill=colour
        )
        draw.line([(x0, bottom), (x0, bottom - height)], fill=colour, width=16)
        draw.line([(x1, bottom), (x1, bottom - height)], fill=colour, width=16)


def draw_small_gate(image, colour, variant, rng):
    """A garden door (portillon) set in a low mesh fence."""
    draw_mesh(image, colour, variant, rng)
    draw_gate(image, colour, variant + 1, rng, leaves=1, height=300)
    ImageDraw.Draw(image).rectangle([900, 470, 924, 512], fill=(200, 168, 60))


def draw_screen(image, colour, variant, rng):
    """Privacy screen: horizontal slats, tight, with a wood or solid finish."""
    draw = ImageDraw.Draw(image)
    top, bottom = 300, 650
    woods = ((142, 98, 62), (116, 84, 58), (170, 128, 86))
    xs = list(range(60, WIDTH, 270))
    for left, right in zip(xs, xs[1:], strict=False):
        for y in range(top + 8, bottom, 34):
            base = woods[rng.randrange(3)] if variant % 2 == 0 else colour
            dim = rng.randint(0, 18)  # the same on every channel: no tint
            shade = tuple(max(0, c - dim) for c in base)
            draw.rectangle([left + 12, y, right - 12, y + 28], fill=shade)
    _posts(draw, xs, top, bottom + 20, colour)


def draw_gabion(image, colour, variant, rng):
    """Stone-filled wire cages stacked into a wall."""
    draw = ImageDraw.Draw(image)
    stones = ((176, 170, 160), (150, 142, 130), (204, 196, 182), (124, 120, 112))
    top, bottom = 360, 650
    for x in range(60, WIDTH - 60, 10):
        for y in range(top, bottom, 10):
            if rng.random() < 0.35:
                r = rng.randint(10, 22)
                draw.ellipse(
                    [x - r, y - r // 1.4, x + r, y + r // 1.4],
                    fill=stones[rng.randrange(4)],
                    outline=(96, 92, 86),
                )
    grey = (150, 154, 156)
    for x in range(60, WIDTH - 59, 50):
        draw.line([(x, top), (x, bottom)], fill=grey, width=3)
    for y in range(top, bottom + 1, 50):
        draw.line([(60, y), (WIDTH - 60, y)], fill=grey, width=3)
    for x in range(60, WIDTH - 59, 300):
        draw.rectangle([x - 3, top, x + 3, bottom], fill=(110, 114, 116))


def draw_railing(image, colour, variant, rng):
    """A terrace railing: deck boards, posts, top rail, bars or glass."""
    draw = ImageDraw.Draw(image)
    deck_top = 600
    for y in range(deck_top, HEIGHT, 26):
        draw.rectangle([0, y, WIDTH, y + 22], fill=(150 - (y % 3) * 6, 112, 80))
    top = 360
    glass = variant % 2 == 1
    for x in range(80, WIDTH, 260):
        draw.rectangle([x - 9, top, x + 9, deck_top], fill=colour)
    draw.rectangle([60, top - 12, WIDTH - 60, top + 8], fill=colour)
    if glass:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        ImageDraw.Draw(overlay).rectangle(
            [70, top + 40, WIDTH - 70, deck_top - 20], fill=(190, 225, 240, 90)
        )
        image.paste(
            Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
        )
    else:
        for x in range(100, WIDTH - 60, 24):
            draw.line([(x, top + 30), (x, deck_top - 10)], fill=colour, width=5)
        draw.line([(60, top + 30), (WIDTH - 60, top + 30)], fill=colour, width=6)


def draw_posts(image, colour, variant, rng):
    """Posts and fittings laid out on the lawn, a panel leaning behind."""
    draw = ImageDraw.Draw(image)
    _mesh_panel(draw, (120, 360, 620, 600), colour, 4)
    for index in range(5):
        x = 700 + index * 90
        draw.rectangle([x, 300 + index * 12, x + 34, 660], fill=colour)
        draw.rectangle(
            [x - 20, 650, x + 54, 668], fill=tuple(min(255, c + 40) for c in colour)
        )
    for index in range(6):  # clamps
        x = 160 + index * 80
        draw.rounded_rectangle([x, 650, x + 46, 676], 8, fill=(90, 94, 98))


DRAWERS = {
    "mesh": draw_mesh,
    "soft-mesh": draw_soft_mesh,
    "gate": draw_gate,
    "small-gate": draw_small_gate,
    "screen": draw_screen,
    "gabion": draw_gabion,
    "railing": draw_railing,
    "posts": draw_posts,
}


def draw(kind: str, variant: int) -> Image.Image:
    """The picture of a product kind in one variant (stable: same input, same
    pixels)."""
    rng = random.Random(f"{kind}-{variant}")  # noqa: S311 - drawing, not secrets
    image = _scene(variant, rng)
    DRAWERS[kind](image, finish(variant)[1], variant, rng)
    return image
