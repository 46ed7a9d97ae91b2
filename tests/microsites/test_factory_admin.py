"""The guided site factory in the Wagtail admin: steps, checks, the draft page,
"Publish the site"; who may and who may not."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.models import Page, Site

from hub.models import AuditEntry
from microsites.models import ContentPage, SiteBranding
from tests.conftest import make_user

from .conftest import brand

NEW = "/cms/microsites/new/"


def answers(template):
    return {
        "site": {
            "site-name": "Portails Dijon",
            "site-hostname": "portails-dijon.localhost",
            "site-template": template.pk,
        },
        "place": {
            "place-city": "Dijon",
            "place-department": "21",
            "place-postal_code": "21000",
            "place-address": "3 rue Vauban",
        },
        "contact": {
            "contact-phone": "03 80 12 34 00",
            "contact-email": "dijon@example.com",
        },
        "look": {"look-primary_color": "#1f4e79", "look-accent_color": "#8a3b12"},
    }


def png(size=(40, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#224466").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def walk(client, template, *, look_files=None, **overrides):
    """Answer every step; the last response."""
    data = answers(template)
    for step, values in overrides.items():
        data[step].update(values)
    response = None
    for step in ("site", "place", "contact", "look"):
        payload = dict(data[step])
        if step == "look" and look_files:
            payload.update(look_files)
        response = client.post(f"{NEW}?step={step}", payload)
        if response.status_code != 302 or step == "look":
            return response
    return response


@pytest.fixture
def template(bordeaux):
    brand(
        bordeaux,
        address="1 cours de l'Intendance, 33000 Bordeaux",
        phone="05 56 00 00 00",
    )
    return bordeaux


@pytest.mark.django_db
def test_editor_walks_the_steps_gets_a_draft_then_publishes(
    client, editor_user, template
):
    client.force_login(editor_user)
    first = client.get(NEW)
    assert first.status_code == 200 and "{{ville}}" in first.text  # documented
    response = walk(client, template, look_files={"look-logo": png()})
    site = Site.objects.get(hostname="portails-dijon.localhost")
    assert response.status_code == 302
    assert response["Location"] == f"/cms/microsites/{site.pk}/"
    branding = SiteBranding.objects.get(site=site)
    assert branding.logo is not None and branding.logo.width == 40
    assert branding.address == "3 rue Vauban, 21000 Dijon"
    status = client.get(response["Location"])
    assert 'data-site-state="draft"' in status.text
    assert f"/cms/pages/{site.root_page_id}/view_draft/" in status.text
    assert "data-publish-site" in status.text
    preview = client.get(f"/cms/pages/{site.root_page_id}/view_draft/")
    assert preview.status_code == 200 and "Portails Dijon" in preview.text
    assert client.get("/", HTTP_HOST="portails-dijon.localhost").status_code == 404
    published = client.post(f"/cms/microsites/{site.pk}/publish/")
    assert published.status_code == 302
    assert client.get(published["Location"]).text.count('data-site-state="live"') == 1
    assert client.get("/", HTTP_HOST="portails-dijon.localhost").status_code == 200
    entry = AuditEntry.objects.get(action="microsites.site_publish")
    assert entry.actor == editor_user
    assert client.session.get("microsites.factory") == {}


@pytest.mark.django_db
def test_a_step_with_bad_answers_shows_errors_and_keeps_them(
    client, editor_user, template, english_admin
):
    client.force_login(english_admin(editor_user))
    response = walk(client, template, contact={"contact-phone": "12"})
    assert response.status_code == 400
    assert "not a French phone number" in response.text
    assert (
        'value="12"' in response.text and 'value="dijon@example.com"' in response.text
    )
    response = walk(client, template, place={"place-postal_code": "75001"})
    assert response.status_code == 400 and 'value="75001"' in response.text
    response = walk(client, template, site={"site-template": 999999})
    assert response.status_code == 400 and "site-template" in response.text
    response = walk(
        client, template, site={"site-hostname": "portails-bordeaux.localhost"}
    )
    assert response.status_code == 400
    assert not Site.objects.filter(hostname="portails-dijon.localhost").exists()


@pytest.mark.django_db
def test_a_later_step_cannot_be_reached_before_the_first(client, editor_user, template):
    client.force_login(editor_user)
    response = client.post(f"{NEW}?step=look", answers(template)["look"])
    assert response.status_code == 400  # the site step, shown again
    assert 'name="site-name"' in response.text
    assert not Site.objects.filter(hostname="portails-dijon.localhost").exists()


@pytest.mark.django_db
def test_a_bad_logo_is_refused_and_nothing_is_created(client, editor_user, template):
    client.force_login(editor_user)
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = walk(client, template, look_files={"look-logo": fake})
    assert response.status_code == 400 and "look-logo" in response.text
    response = walk(client, template, look={"look-primary_color": "#ffff66"})
    assert response.status_code == 400
    assert not Site.objects.filter(hostname="portails-dijon.localhost").exists()


@pytest.mark.django_db
def test_factory_is_refused_to_non_managers(client, staff_user, template):
    client.force_login(staff_user)  # no admin access at all
    assert client.get(NEW).status_code == 302
    local = make_user("bordelais")  # admin access through its site group only
    local.groups.add(Group.objects.filter(name__endswith="Portails Bordeaux").get())
    client.force_login(local)
    # Wagtail's admin turns PermissionDenied into a redirect to its dashboard
    response = client.get(NEW)
    assert response.status_code == 302 and response["Location"] == "/cms/"
    response = client.post(f"{NEW}?step=site", answers(template)["site"])
    assert response.status_code == 302 and response["Location"] == "/cms/"
    assert client.get("/cms/microsites/import/")["Location"] == "/cms/"


@pytest.mark.django_db
def test_publish_is_for_the_sites_editors_only(client, editor_user, template, lyon):
    client.force_login(editor_user)
    walk(client, template)
    site = Site.objects.get(hostname="portails-dijon.localhost")
    stranger = make_user("lyonnais")  # edits Lyon, not Dijon
    stranger.groups.add(Group.objects.filter(name__endswith="Clôtures Lyon").get())
    client.force_login(stranger)
    response = client.post(f"/cms/microsites/{site.pk}/publish/")
    assert response.status_code == 302 and response["Location"] == "/cms/"
    assert not Page.objects.descendant_of(site.root_page, inclusive=True).filter(
        live=True
    )
    local = make_user("dijonnais")  # the new site's own editors group
    local.groups.add(Group.objects.filter(name__endswith="Portails Dijon").get())
    client.force_login(local)
    assert client.post(f"/cms/microsites/{site.pk}/publish/").status_code == 302
    assert site.root_page.specific_class.objects.get(pk=site.root_page_id).live


@pytest.mark.django_db
def test_publish_refuses_left_placeholders_and_says_where(
    client, editor_user, template
):
    about = ContentPage(title="Horaires", slug="horaires", intro="Ouvert {{horaires}}")
    template.root_page.add_child(instance=about)
    about.save_revision().publish()
    client.force_login(editor_user)
    walk(client, template)
    site = Site.objects.get(hostname="portails-dijon.localhost")
    status = client.get(f"/cms/microsites/{site.pk}/")
    assert "data-unfilled" in status.text and "{{horaires}}" in status.text
    response = client.post(f"/cms/microsites/{site.pk}/publish/", follow=True)
    assert "{{horaires}}" in response.text
    assert not Page.objects.descendant_of(site.root_page, inclusive=True).filter(
        live=True
    )
