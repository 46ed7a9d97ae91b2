"""What makes a local firm's site trustworthy: JSON-LD, its own icons and
manifest, readable slugs, named testimonials, opening hours."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from PIL import Image

from microsites.models import ProductPage, SiteBranding
from microsites.seeding import seed_microsites
from tests.microsites.conftest import brand, make_site


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.fixture
def seeded(db):
    seed_microsites(stdout=io.StringIO(), count=1)
    return Client(HTTP_HOST="portails-bordeaux.localhost")


def test_home_has_local_business_with_address_phone_and_hours(seeded):
    data = _json_ld(seeded.get("/").text)
    assert [item["@type"] for item in data] == ["LocalBusiness"]
    business = data[0]
    assert business["@context"] == "https://schema.org"
    assert business["name"] == "Portails Bordeaux"
    assert business["telephone"] == "05 56 12 34 00"
    assert business["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 rue de l'Industrie",
        "postalCode": "33000",
        "addressLocality": "Bordeaux",
        "addressCountry": "FR",
    }
    days = business["openingHoursSpecification"][0]["dayOfWeek"]
    assert days[0] == "Monday" and days[-1] == "Friday"
    assert business["image"].startswith("http://portails-bordeaux.localhost/media/")


def test_product_page_has_product_and_breadcrumbs(seeded):
    html = seeded.get("/portail-battant-aluminium/").text
    by_type = {item["@type"]: item for item in _json_ld(html)}
    assert set(by_type) == {"LocalBusiness", "Product", "BreadcrumbList"}
    product = by_type["Product"]
    assert product["name"] == "Portail battant aluminium"
    assert (
        product["url"]
        == "http://portails-bordeaux.localhost/portail-battant-aluminium/"
    )
    assert product["image"].endswith(".jpg")
    assert product["brand"] == {"@type": "Brand", "name": "Portails Bordeaux"}
    crumbs = by_type["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Portails Bordeaux"),
        (2, "Portail battant aluminium"),
    ]
    assert crumbs[0]["item"] == "http://portails-bordeaux.localhost/"


def test_json_ld_cannot_be_closed_by_page_text(db):
    site = make_site("Portails </script><b>", "portails-test.localhost")
    html = Client(HTTP_HOST="portails-test.localhost").get("/").text
    assert "</script><b>" not in html.split("</head>")[0].replace("<title>", "")
    assert _json_ld(html)[0]["name"] == "Portails </script><b>"
    assert site


def test_testimonials_are_named_and_hours_shown(seeded):
    html = seeded.get("/qui-sommes-nous/").text
    authors = re.findall(r"<footer><strong>([^<]+)</strong>, ([^<]+)</footer>", html)
    assert len(authors) == 3 and all(name and town for name, town in authors)
    assert "Un client de" not in html
    assert "au service de la Gironde" in html
    assert "Du lundi au vendredi" in seeded.get("/").text


def test_icons_and_manifest_follow_each_sites_branding(db):
    bordeaux = make_site("Portails Bordeaux", "portails-bordeaux.localhost")
    brand(bordeaux, primary_color="#7a1f1f")
    make_site("Clôtures Lyon", "clotures-lyon.localhost", primary_color="#1f4e2a")
    colours = {}
    for host, expected in (
        ("portails-bordeaux.localhost", (0x7A, 0x1F, 0x1F)),
        ("clotures-lyon.localhost", (0x1F, 0x4E, 0x2A)),
    ):
        client = Client(HTTP_HOST=host)
        manifest = client.get("/manifest.webmanifest")
        assert manifest["Content-Type"] == "application/manifest+json"
        data = json.loads(manifest.content)
        assert data["theme_color"] == "#" + "".join(f"{c:02x}" for c in expected)
        assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
        icon = Image.open(io.BytesIO(client.get("/icon-192.png").content))
        assert icon.size == (192, 192)
        assert icon.convert("RGB").getpixel((20, 96)) == expected
        favicon = client.get("/favicon.ico")
        assert favicon["Content-Type"] == "image/x-icon"
        ico = Image.open(io.BytesIO(favicon.content))
        assert ico.format == "ICO"
        colours[host] = ico.convert("RGB").getpixel((8, 24))
        home = client.get("/").text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in home
        assert f'<meta name="theme-color" content="{data["theme_color"]}">' in home
    assert colours["portails-bordeaux.localhost"] != colours["clotures-lyon.localhost"]
    assert (
        Client(HTTP_HOST="clotures-lyon.localhost").get("/icon-100.png").status_code
        == 404
    )
    assert Client(HTTP_HOST="unknown.localhost").get("/favicon.ico").status_code == 404
    # a new colour: a new icon (the cache key follows the branding)
    brand(bordeaux, primary_color="#1f3f7a")
    icon = Client(HTTP_HOST="portails-bordeaux.localhost").get("/icon-192.png")
    assert Image.open(io.BytesIO(icon.content)).convert("RGB").getpixel((20, 96)) == (
        0x1F,
        0x3F,
        0x7A,
    )


def test_new_page_without_slug_takes_its_title(db):
    site = make_site("Portails Bordeaux", "portails-bordeaux.localhost")
    home = site.root_page.specific
    first = home.add_child(instance=ProductPage(title="Clôture aluminium"))
    second = home.add_child(instance=ProductPage(title="Clôture aluminium !"))
    assert first.slug == "cloture-aluminium"
    assert second.slug == "cloture-aluminium-2"


def test_opening_hours_are_validated_with_a_clear_message(db):
    site = make_site("Portails Bordeaux", "portails-bordeaux.localhost")
    branding = SiteBranding.objects.get(site=site)
    branding.opening_hours = "lundi de 8h à 18h"
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "lundi de 8h à 18h" in str(error.value.message_dict["opening_hours"])
    branding.opening_hours = "Mo-Fr 08:00-18:00; Sa 09:00-12:00"
    branding.full_clean()
