"""Site factory: command, admin view, hostname validation, permission scoping."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import GroupPagePermission, Site

from hub import roles
from microsites.models import ContactPage, MicrositeHomePage, SiteBranding
from microsites.services import microsite_create
from tests.conftest import make_user

from .conftest import brand

PLACE = [
    "--city=Nantes",
    "--department=44",
    "--postal-code=44000",
    "--address=5 quai de la Fosse",
    "--phone=02 40 00 00 00",
    "--email=nantes@example.com",
]


@pytest.mark.django_db
def test_starter_site_has_pages_branding_and_group(client):
    site = microsite_create(
        name="Portails Bordeaux", hostname="Portails-Bordeaux.localhost"
    )
    assert site.hostname == "portails-bordeaux.localhost"
    assert isinstance(site.root_page.specific, MicrositeHomePage)
    folder = site.root_page.get_parent()
    assert folder.specific_class.__name__ == "MicrositeFolderPage"
    contact = ContactPage.objects.child_of(site.root_page).get()
    assert [f.maps_to for f in contact.form_fields.all()][:3] == [
        "name",
        "company",
        "email",
    ]
    assert SiteBranding.objects.get(site=site).site_name == "Portails Bordeaux"
    assert Group.objects.filter(name="Éditeurs Portails Bordeaux").exists()
    response = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 200 and "Portails Bordeaux" in response.text


@pytest.mark.django_db
def test_command_creates_a_draft_from_the_template(bordeaux, client, capsys):
    brand(bordeaux, phone="05 56 11 22 33", address="1 rue X, 33000 Bordeaux")
    call_command(
        "create_microsite",
        "--name=Portails Nantes",
        "--hostname=portails-nantes.localhost",
        "--from=portails-bordeaux.localhost",
        *PLACE,
    )
    assert "draft" in capsys.readouterr().out
    nantes = Site.objects.get(hostname="portails-nantes.localhost")
    titles = sorted(nantes.root_page.get_descendants().values_list("title", flat=True))
    assert titles == ["Demander un devis", "Portail battant aluminium"]  # no news
    assert not nantes.root_page.get_descendants(inclusive=True).filter(live=True)
    branding = SiteBranding.objects.get(site=nantes)
    assert (branding.primary_color, branding.phone) == ("#7a1f1f", "02 40 00 00 00")
    assert branding.address == "5 quai de la Fosse, 44000 Nantes"
    assert client.get("/", HTTP_HOST="portails-nantes.localhost").status_code == 404
    call_command(
        "create_microsite",
        "--name=Portails Nantes 2",
        "--hostname=portails-nantes2.localhost",
        "--from=portails-bordeaux.localhost",
        "--publish",
        *PLACE,
    )
    assert client.get("/", HTTP_HOST="portails-nantes2.localhost").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hostname", "message"),
    [
        ("http://portails.localhost", "without http://"),
        ("portails bordeaux.localhost", "not a valid hostname"),
        ("portails", "not a valid hostname"),
        ("-bad-.localhost", "not a valid hostname"),
        ("portails-bordeaux.localhost", "already answers"),
        ("localhost", "hub"),
        ("", "Give a hostname"),
    ],
)
def test_bad_hostnames_are_refused_with_clear_errors(bordeaux, hostname, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        microsite_create(name="X", hostname=hostname)
    assert message in " ".join(error.value.message_dict["hostname"])
    with translation.override("en"), pytest.raises(CommandError, match="hostname"):
        call_command(
            "create_microsite",
            "--name=X",
            f"--hostname={hostname or ' '}",
            "--from=portails-bordeaux.localhost",
            *PLACE,
        )


@pytest.mark.django_db
def test_missing_name_and_unknown_template_are_refused():
    with pytest.raises(ValidationError) as error:
        microsite_create(name=" ", hostname="ok.localhost")
    assert "name" in error.value.message_dict
    with pytest.raises(CommandError, match="No site"):
        call_command(
            "create_microsite",
            "--name=X",
            "--hostname=x.localhost",
            "--from=nowhere.localhost",
            *PLACE,
        )
    assert not Site.objects.filter(hostname="ok.localhost").exists()


@pytest.mark.django_db
def test_site_editor_group_edits_its_tree_only(bordeaux, lyon):
    group = Group.objects.get(
        pk__in=GroupPagePermission.objects.filter(page=bordeaux.root_page)
        .values("group")
        .exclude(group__name=roles.EDITORS)
        .values("group")
    )
    local = make_user("bordelais")
    local.groups.add(group)
    own = bordeaux.root_page.get_children().first()
    other = lyon.root_page.get_children().first()
    assert own.permissions_for_user(local).can_edit()
    assert own.permissions_for_user(local).can_publish()
    assert bordeaux.root_page.permissions_for_user(local).can_add_subpage()
    assert not other.permissions_for_user(local).can_edit()
    assert not lyon.root_page.permissions_for_user(local).can_add_subpage()
    hub_home = Site.objects.get(is_default_site=True).root_page
    assert not hub_home.permissions_for_user(local).can_edit()
    assert local.has_perm("wagtailadmin.access_admin")
