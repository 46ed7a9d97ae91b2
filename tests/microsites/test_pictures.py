"""Demo pictures drawn per product line, responsive renditions on the pages."""

import io
import re

import pytest
from django.test import Client
from wagtail.images import get_image_model

from microsites.models import ContentPage, MicrositeHomePage, ProductPage
from microsites.seeding import seed_microsites
from microsites.seeding.data import PRODUCT_LINES
from microsites.seeding.drawing import DRAWERS, draw
from microsites.seeding.pictures import LINE_KINDS, line_pictures


def test_each_product_kind_is_drawn_differently():
    fingerprints = {kind: draw(kind, 0).resize((24, 16)).tobytes() for kind in DRAWERS}
    assert len(set(fingerprints.values())) == len(DRAWERS)
    assert set(LINE_KINDS) == {line.slug for line in PRODUCT_LINES}
    assert draw("gate", 1).tobytes() == draw("gate", 1).tobytes()  # stable
    assert draw("gate", 1).tobytes() != draw("gate", 2).tobytes()


@pytest.mark.django_db
def test_line_pictures_are_registered_once_and_distinct():
    gates, fences = PRODUCT_LINES[0], PRODUCT_LINES[1]
    first = line_pictures(gates)
    assert line_pictures(gates) == first  # found again, not registered again
    image_model = get_image_model()
    count = image_model.objects.count()
    assert count == len(first) == len({image.title for image in first})
    others = line_pictures(fences)
    assert image_model.objects.count() == count + len(others)
    hashes = {image.get_file_hash() for image in [*first, *others]}
    assert len(hashes) == len(first) + len(others)  # no two pictures alike
    assert all(image.width == 1200 and image.height == 800 for image in first)


@pytest.fixture
def seeded(db):
    seed_microsites(stdout=io.StringIO(), count=2)
    return Client(HTTP_HOST="portails-bordeaux.localhost")


def _pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_seed_is_idempotent_with_pictures_on_every_product(seeded):
    images = get_image_model().objects.count()
    products = ProductPage.objects.count()
    seed_microsites(stdout=io.StringIO(), count=2)
    assert get_image_model().objects.count() == images
    assert ProductPage.objects.count() == products
    pages = ProductPage.objects.all()
    assert all(page.image_id for page in pages)
    assert not any(page.slug.startswith("produit") for page in pages)
    home = MicrositeHomePage.objects.get(slug="portails-bordeaux")
    assert set(ProductPage.objects.child_of(home).values_list("slug", flat=True)) >= {
        "portail-battant-aluminium",
        "portail-coulissant",
    }
    # one picture per product of a site, all different
    ids = list(ProductPage.objects.child_of(home).values_list("image_id", flat=True))
    assert len(ids) == len(set(ids))


def test_home_picture_is_responsive_webp_and_preloaded(seeded):
    html = seeded.get("/").text
    pictures = _pictures(html)
    assert len(pictures) >= 4  # hero, product cards, projects
    hero = pictures[0]
    assert 'type="image/webp"' in hero and ".webp 1200w" in hero
    assert re.search(r'<img [^>]*width="\d+"', hero)
    assert re.search(r'<img [^>]*height="\d+"', hero)
    assert 'sizes="(max-width: 820px) 100vw, 560px"' in hero
    assert 'loading="lazy"' not in hero and 'fetchpriority="high"' in hero
    assert all('loading="lazy"' in picture for picture in pictures[1:])
    preload = re.search(r'<link rel="preload" as="image"[^>]*>', html).group(0)
    webp_srcset = re.search(r'<source [^>]*srcset="([^"]+)"', hero).group(1)
    assert f'imagesrcset="{webp_srcset}"' in preload  # the very same files
    assert preload in html.split("</head>")[0]


def test_product_page_has_gallery_and_projects_page_cities(seeded):
    product = seeded.get("/portail-battant-aluminium/").text
    assert "ms-gallery" in product and len(_pictures(product)) == 4
    assert '<link rel="preload" as="image"' in product
    projects = seeded.get("/realisations/").text
    page = ContentPage.objects.get(slug="realisations", url_path__contains="bordeaux")
    block = page.body[0].value
    cities = [project["city"] for project in block["projects"]]
    assert len(cities) == 6 and "Mérignac" in cities
    assert all(city in projects for city in cities)
    for url in re.findall(r'srcset="([^" ]+)', projects)[:3]:
        served = seeded.get(url)  # renditions are served (a streamed file:
        assert served.status_code == 200  # closed, which ends the request)
        served.close()


def test_a_picture_is_built_once_and_again_when_its_image_changes(
    seeded, django_assert_num_queries
):

    from microsites.pictures import picture_html

    image = get_image_model().objects.order_by("pk").first()
    first = picture_html(image, "card", alt="Portail")
    with django_assert_num_queries(0):  # no rendition lookup the second time
        assert picture_html(image, "card", alt="Portail") == first
    assert picture_html(image, "card", alt="Autre") != first  # alt is in the key
    image.set_focal_point(image.get_rect().__class__(0, 0, 20, 20))
    image.save()
    image.refresh_from_db()
    moved = picture_html(image, "card", alt="Portail")
    assert moved != first  # a new focal point: new crops, new files
