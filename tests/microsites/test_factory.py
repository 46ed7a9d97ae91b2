"""Site factory: command, admin view, hostname validation, permission scoping."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import GroupPagePermission, Page, Site

from hub import roles
from microsites.models import ContactPage, MicrositeHomePage, SiteBranding
from microsites.services import microsite_create
from tests.conftest import make_user

from .conftest import brand


@pytest.mark.django_db
def test_command_creates_site_pages_branding_and_group(client, capsys):
    call_command(
        "create_microsite",
        "--name",
        "Portails Bordeaux",
        "--hostname",
        "Portails-Bordeaux.localhost",
    )
    site = Site.objects.get(hostname="portails-bordeaux.localhost")
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
    assert "Created" in capsys.readouterr().out
    response = client.get("/", HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 200 and "Portails Bordeaux" in response.text


@pytest.mark.django_db
def test_command_copies_pages_and_branding_from_template(bordeaux):
    brand(bordeaux, phone="05 56 11 22 33")
    call_command(
        "create_microsite",
        "--name",
        "Portails Lyon",
        "--hostname",
        "portails-lyon.localhost",
        "--from",
        "portails-bordeaux.localhost",
    )
    lyon = Site.objects.get(hostname="portails-lyon.localhost")
    source_titles = sorted(
        bordeaux.root_page.get_descendants().values_list("title", flat=True)
    )
    copy_titles = sorted(
        lyon.root_page.get_descendants().values_list("title", flat=True)
    )
    assert copy_titles == source_titles and len(copy_titles) == 3
    assert lyon.root_page.title == "Portails Lyon"
    assert lyon.root_page.get_descendants().filter(live=True).count() == 3
    copied = ContactPage.objects.descendant_of(lyon.root_page).get()
    assert copied.form_fields.count() == 6
    branding = SiteBranding.objects.get(site=lyon)
    assert (branding.primary_color, branding.phone) == ("#7a1f1f", "05 56 11 22 33")
    assert branding.site_name == "Portails Lyon"


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
        call_command("create_microsite", "--name", "X", "--hostname", hostname or " ")


@pytest.mark.django_db
def test_missing_name_and_unknown_template_are_refused():
    with pytest.raises(ValidationError) as error:
        microsite_create(name=" ", hostname="ok.localhost")
    assert "name" in error.value.message_dict
    with pytest.raises(CommandError, match="No site"):
        call_command(
            "create_microsite",
            "--name",
            "X",
            "--hostname",
            "x.localhost",
            "--from",
            "nowhere.localhost",
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


@pytest.mark.django_db
def test_admin_view_creates_a_site_for_editors(client, editor_user, bordeaux):
    client.force_login(editor_user)
    assert client.get("/cms/microsites/new/").status_code == 200
    response = client.post(
        "/cms/microsites/new/",
        {
            "name": "Portails Nantes",
            "hostname": "portails-nantes.localhost",
            "template": bordeaux.pk,
        },
    )
    site = Site.objects.get(hostname="portails-nantes.localhost")
    assert (
        response.status_code == 302 and str(site.root_page_id) in response["Location"]
    )
    assert site.root_page.get_descendants().count() == 3  # as the template
    own = site.root_page.get_children().first()
    assert own.permissions_for_user(editor_user).can_edit()  # web team, all sites


@pytest.mark.django_db
def test_admin_view_shows_errors_and_keeps_input(client, editor_user, bordeaux):
    client.force_login(editor_user)
    response = client.post(
        "/cms/microsites/new/",
        {"name": "Doublon", "hostname": "portails-bordeaux.localhost"},
    )
    assert response.status_code == 200
    assert "Doublon" in response.text and "portails-bordeaux.localhost" in response.text
    assert "error" in response.text
    assert 'value="Doublon"' in response.text
    assert Site.objects.count() == 2


@pytest.mark.django_db
def test_admin_view_is_refused_to_non_editors(client, staff_user, bordeaux):
    client.force_login(staff_user)  # no admin access at all
    assert client.get("/cms/microsites/new/").status_code == 302
    local = make_user("bordelais")  # admin access through its site group only
    local.groups.add(Group.objects.filter(name__endswith="Portails Bordeaux").get())
    client.force_login(local)
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard
    response = client.get("/cms/microsites/new/")
    assert response.status_code == 302 and response["Location"] == "/cms/"
    response = client.post(
        "/cms/microsites/new/", {"name": "X", "hostname": "x.localhost"}
    )
    assert response.status_code == 302 and response["Location"] == "/cms/"
    assert not Site.objects.filter(hostname="x.localhost").exists()
    assert Page.objects.filter(title="X").count() == 0
