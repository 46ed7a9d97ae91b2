import pytest
from django.contrib.auth.models import Group

from hub import roles


@pytest.mark.django_db
def test_role_groups_exist_with_admin_access_for_editors():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Staff", "Sales", "Editors", "Managers"} <= names
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/", "/accounts/password/"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fixture", ["staff_user", "sales_user", "editor_user", "manager_user", "admin_user"]
)
def test_every_role_sees_the_staff_home_with_real_counts(client, request, fixture):
    user = request.getfixturevalue(fixture)
    assert client.login(username=user.username, password="demo")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="users">1<' in html
    assert 'data-count="sites">1<' in html
    for nav in ("wiki", "prospecting", "microsites", "video", "webschool"):
        assert f'data-nav="{nav}"' in html


@pytest.mark.django_db
def test_admin_link_only_for_editors_and_superusers(client, staff_user, editor_user):
    client.force_login(staff_user)
    assert 'data-nav="cms"' not in client.get("/").content.decode()
    client.force_login(editor_user)
    assert 'data-nav="cms"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_user_without_any_role_is_refused(client, outsider_user):
    client.force_login(outsider_user)
    assert client.get("/").status_code == 403


@pytest.mark.django_db
def test_login_rejects_bad_password_with_a_clear_message(client, staff_user):
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": "wrong"}, follow=True
    )
    assert response.status_code == 200
    assert "/accounts/login/" in response.request["PATH_INFO"]
    assert not response.wsgi_request.user.is_authenticated
    assert "alert-error" in response.content.decode()


@pytest.mark.django_db
def test_login_ignores_offsite_next(client, staff_user):
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "staff", "password": "demo", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_role_checks_for_anonymous():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not roles.is_staff_member(anonymous)
    assert not roles.is_sales(anonymous)
