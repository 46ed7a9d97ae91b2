import pytest
from django.core.exceptions import ValidationError

from microsites.models import SiteBranding

from .conftest import brand


@pytest.mark.django_db
def test_each_site_has_its_own_colours_and_name(client, bordeaux, lyon):
    a = client.get("/", HTTP_HOST="portails-bordeaux.localhost").text
    b = client.get("/", HTTP_HOST="clotures-lyon.localhost").text
    assert "--ms-primary: #7a1f1f" in a and "--ms-primary: #1f4e2a" in b
    assert "/static/microsites/css/site.css" in a
    assert "hub/css/hub.css" not in a  # public pages never use the intranet look


@pytest.mark.django_db
def test_contact_details_and_footer_come_from_branding(client, bordeaux):
    brand(
        bordeaux,
        phone="05 56 00 00 00",
        footer_text="Une marque du groupe.",
        tagline="Depuis 1987",
    )
    text = client.get("/", HTTP_HOST="portails-bordeaux.localhost").text
    assert "05 56 00 00 00" in text and 'href="tel:0556000000"' in text
    assert "Une marque du groupe." in text and "Depuis 1987" in text


@pytest.mark.django_db
def test_english_default_language_translates_the_chrome(client, bordeaux):
    brand(bordeaux, default_language="en")
    response = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert '<html lang="en">' in response.text and "Our products" in response.text
    assert response["Content-Language"] == "en"
    again = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert again["X-Microsite-Cache"] == "hit" and again["Content-Language"] == "en"
    brand(bordeaux, default_language="fr")
    text = client.get("/portail-battant/", HTTP_HOST="portails-bordeaux.localhost").text
    assert '<html lang="fr">' in text and "Demander un devis" in text


@pytest.mark.django_db
def test_unreadable_colour_is_refused(bordeaux):
    branding = SiteBranding.objects.get(site=bordeaux)
    branding.primary_color = "#f5e663"  # pale yellow: white text unreadable
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "primary_color" in error.value.message_dict
    branding.primary_color = "red"
    with pytest.raises(ValidationError):
        branding.full_clean()


@pytest.mark.django_db
def test_analytics_only_from_allowed_hosts(bordeaux, settings, client):
    branding = SiteBranding.objects.get(site=bordeaux)
    branding.analytics_provider = "matomo"
    branding.analytics_url = "https://evil.example.com"
    branding.analytics_site_id = "3"
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "analytics_url" in error.value.message_dict
    settings.MICROSITES_ANALYTICS_HOSTS = ["stats.grillages.example"]
    branding.analytics_url = "https://stats.grillages.example"
    branding.full_clean()
    branding.save()
    response = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert "https://stats.grillages.example/" in response.text
    assert "setSiteId" in response.text
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' https://stats.grillages.example" in csp
    cached = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert cached["X-Microsite-Cache"] == "hit"
    assert cached["Content-Security-Policy"] == csp
