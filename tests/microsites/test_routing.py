"""Host routing: each host serves its own tree; unknown hosts answer 404."""

import pytest
from wagtail.models import PageViewRestriction, Site

from .conftest import add_product


@pytest.mark.django_db
def test_same_path_on_two_hosts_serves_each_sites_page(client, bordeaux, lyon):
    a = client.get("/portail-battant/", HTTP_HOST="portails-bordeaux.localhost")
    b = client.get("/portail-battant/", HTTP_HOST="clotures-lyon.localhost:8000")
    assert a.status_code == b.status_code == 200
    assert "Portail battant aluminium" in a.text and "Clôture rigide" not in a.text
    assert "Clôture rigide" in b.text and "Portail battant aluminium" not in b.text


@pytest.mark.django_db
def test_home_pages_differ_per_host(client, bordeaux, lyon):
    a = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    b = client.get("/", HTTP_HOST="clotures-lyon.localhost")
    assert "<h1>Portails Bordeaux</h1>" in a.text
    assert "<h1>Clôtures Lyon</h1>" in b.text


@pytest.mark.django_db
def test_unknown_host_is_404_never_the_hub(client, bordeaux):
    response = client.get("/", HTTP_HOST="nobody.localhost")
    assert response.status_code == 404
    assert "Page not found" in response.text or "Page introuvable" in response.text
    assert "Portails Bordeaux" not in response.text
    assert 'class="topbar"' not in response.text  # not the intranet's look


@pytest.mark.django_db
def test_hub_host_still_serves_the_staff_home(client, bordeaux):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/cms/", "/war-room/", "/sites/", "/accounts/login/"])
def test_intranet_routes_are_branded_404_on_microsites(client, bordeaux, path):
    response = client.get(path, HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 404
    assert "Portails Bordeaux" in response.text  # the site's own 404
    assert "--ms-primary: #7a1f1f" in response.text


@pytest.mark.django_db
def test_unknown_path_is_branded_404(client, bordeaux, lyon):
    response = client.get("/nope/", HTTP_HOST="clotures-lyon.localhost")
    assert response.status_code == 404
    assert "Clôtures Lyon" in response.text and "noindex" in response.text


@pytest.mark.django_db
def test_login_restricted_page_is_hidden_on_public_host(client, bordeaux):
    page = add_product(bordeaux.root_page, "Tarifs revendeurs", "tarifs")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/tarifs/", HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 404


@pytest.mark.django_db
def test_password_restricted_page_asks_for_the_password(client, bordeaux):
    page = add_product(bordeaux.root_page, "Espace pro", "espace-pro")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="grille"
    )
    response = client.get("/espace-pro/", HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 200
    assert "_util/authenticate_with_password" in response.text
    assert "Portail" not in response.text.split("<body")[-1].split("Espace pro")[0]


def _wagtail_choice(request):
    """What host_site answered when it asked Wagtail's own lookup."""
    from django.http.request import split_domain_port
    from wagtail.models.sites import get_site_for_hostname

    hostname = split_domain_port(request.get_host())[0]
    try:
        site = get_site_for_hostname(hostname, request.get_port())
    except Site.DoesNotExist:
        return None
    return site if site.hostname.lower() == hostname else None


@pytest.mark.django_db
def test_host_site_picks_the_site_wagtail_would_pick(bordeaux, lyon):
    """Same hostname on two ports, a default flag, unknown hosts: host_site's
    plain lookup answers exactly what Wagtail's ranked lookup answered."""
    from django.http import Http404
    from django.test import RequestFactory

    from microsites.selectors import host_site

    Site.objects.create(
        hostname="portails-bordeaux.localhost", port=8000, root_page=lyon.root_page
    )
    Site.objects.create(hostname="double.localhost", port=81, root_page=lyon.root_page)
    Site.objects.create(hostname="double.localhost", port=82, root_page=lyon.root_page)
    cases = [
        "portails-bordeaux.localhost",
        "portails-bordeaux.localhost:8000",
        "portails-bordeaux.localhost:9000",
        "PORTAILS-Bordeaux.localhost",
        "clotures-lyon.localhost:8080",
        "double.localhost:81",
        "double.localhost:82",
        "double.localhost:83",
        "inconnu.localhost",
        "localhost",
    ]

    def request_for(host):
        port = host.rsplit(":", 1)[1] if ":" in host else "80"
        return RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)

    for host in cases:
        request = request_for(host)
        expected = _wagtail_choice(request)
        try:
            found = host_site(request)
        except Http404:
            found = None
        assert found == expected, host
        if found is not None:
            assert Site.find_for_request(request) is found  # memoised for Wagtail
    assert _wagtail_choice(request_for("double.localhost:82")).port == 82
    assert _wagtail_choice(request_for("double.localhost:83")) is None
