"""Page bodies of the demo sites that make a local firm look like one: photos of
its products, finished jobs in the nearby towns, customers who sign their words.
StreamField raw data (lists of {"type", "value"}), built from the line, the
region and the line's pictures (microsites.seeding.pictures)."""

from __future__ import annotations

import uuid
import zlib

from .. import places
from .data import CUSTOMERS, FAQ, TESTIMONIALS


def image_value(image, alt: str | None = None) -> dict:
    """An ImageBlock value: the image and its alt text in this context."""
    return {
        "image": image.pk,
        "decorative": False,
        "alt_text": alt if alt is not None else image.title,
    }


CUSTOMER_KINDS = (
    "chez un particulier",
    "pour une copropriété",
    "pour une entreprise",
    "pour la mairie",
)


def list_items(key: str, values: list) -> list[dict]:
    """ListBlock items with stable ids: the reference index records where an
    image is used by item id, so ids must not change each time the page is
    read (a plain list gets new random ids on every read)."""
    return [
        {
            "type": "item",
            "value": value,
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}/{n}")),
        }
        for n, value in enumerate(values)
    ]


def _pick(seed: str, items, count: int) -> list:
    start = zlib.crc32(seed.encode()) % len(items)
    return [items[(start + step) % len(items)] for step in range(count)]


def gallery(title: str, images, key: str) -> dict:
    return {
        "type": "gallery",
        "value": {
            "title": title,
            "images": list_items(
                key,
                [
                    {"image": image_value(image), "caption": image.title}
                    for image in images
                ],
            ),
        },
    }


def product_gallery(number: int, title: str, pictures) -> dict:
    """The product's own picture and two more of the line (other finishes)."""
    others = [p for index, p in enumerate(pictures[:6]) if index != number]
    chosen = [pictures[number], *_pick(title, others, 2)] if others else pictures[:1]
    return gallery(f"{title} en images", chosen, key=f"gallery/{title}/{number}")


def projects(line, region, pictures, count: int = 3) -> dict:
    """Finished jobs in the towns around the site's city, with their photos."""
    project_pictures = pictures[6:] + pictures[:6]  # the line's own photos first
    towns = region.towns or (region.city,)
    items = []
    for number in range(count):
        town = towns[(number + len(line.slug)) % len(towns)]
        title, _intro = line.products[number % len(line.products)]
        picture = project_pictures[number % len(project_pictures)]
        items.append(
            {
                "title": f"{title} {CUSTOMER_KINDS[number % len(CUSTOMER_KINDS)]}",
                "city": town,
                "year": 2026 - number,
                "image": image_value(picture, f"{title} posé {places.city_in(town)}"),
                "text": f"Métré, fabrication et pose en {3 + number} semaines. "
                f"Finition {picture.title.rpartition('finition ')[2]}.",
            }
        )
    return {
        "type": "projects",
        "value": {
            "title": "Nos dernières réalisations",
            "projects": list_items(f"projects/{line.slug}/{region.slug}", items),
        },
    }


def testimonials(line, region, count: int = 2) -> list[dict]:
    """Named customers from the towns around, each with a different text."""
    names = _pick(f"{line.slug}-{region.slug}", CUSTOMERS, count)
    texts = _pick(f"{region.slug}-{line.slug}", TESTIMONIALS, count)
    towns = region.towns or (region.city,)
    return [
        {
            "type": "quote",
            "value": {
                "text": text,
                "author": name,
                "city": towns[(index * 2 + len(region.slug)) % len(towns)],
            },
        }
        for index, (name, text) in enumerate(zip(names, texts, strict=True))
    ]


def faq(articles: dict[str, int], key: str) -> list[dict]:
    """The FAQ block (none when the wiki seed has not run: nothing answers)."""
    items = [
        {"question": question, "article": articles[title], "section": section}
        for question, title, section in FAQ
        if title in articles
    ]
    if not items:
        return []
    return [
        {
            "type": "faq",
            "value": {"title": "Questions fréquentes", "items": list_items(key, items)},
        }
    ]
