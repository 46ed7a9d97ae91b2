import pytest
from wagtail.models import Page

from wiki.models import ArticlePage, ArticleRequest

from .conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(category):
    return make_article(category, "Panneau rigide", "Texte secret interne.")


def test_anonymous_goes_to_login(client, article, wiki):
    for url in (article.url, wiki.url, "/webschool/", "/wiki/search/?q=panneau"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_outsider_is_refused(client, outsider_user, article, wiki):
    client.force_login(outsider_user)
    for url in (article.url, wiki.url, "/webschool/", "/wiki/search/?q=panneau"):
        assert client.get(url).status_code == 403, url


def test_staff_reads_but_gets_no_edit_button(client, staff_user, article):
    client.force_login(staff_user)
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Texte secret interne." in html
    assert f"/cms/pages/{article.pk}/edit/" not in html
    assert client.get(f"/cms/pages/{article.pk}/edit/").status_code in (302, 403)


def test_editor_sees_edit_and_history(client, editor_user, article):
    client.force_login(editor_user)
    html = client.get(article.url).content.decode()
    assert f"/cms/pages/{article.pk}/edit/" in html
    assert f"/cms/pages/{article.pk}/history/" in html
    assert client.get(f"/cms/pages/{article.pk}/edit/").status_code == 200


def test_microsite_host_never_serves_wiki(client, staff_user, article):
    client.force_login(staff_user)
    for url in (article.url, "/wiki/search/?q=panneau", "/webschool/"):
        response = client.get(url, HTTP_HOST="portails-bordeaux.localhost")
        assert response.status_code == 404


def test_wiki_pages_are_not_public(article, wiki):
    """Public querysets (microsite search, sitemaps) exclude the wiki subtree."""
    public_ids = set(Page.objects.live().public().values_list("pk", flat=True))
    assert article.pk not in public_ids and wiki.pk not in public_ids
    assert article.get_sitemap_urls() == []


def test_create_from_red_link_only_for_editors(
    client, staff_user, editor_user, category
):
    url = f"/wiki/create/?title=Gabion+d%C3%A9coratif&category={category.pk}"
    client.force_login(staff_user)
    response = client.get(url)  # a reader may ask the editors for it
    assert response.status_code == 200
    assert b"Gabion d\xc3\xa9coratif" in response.content
    assert not ArticleRequest.objects.exists()  # following a link writes nothing
    response = client.post(
        "/wiki/create/", {"title": "Gabion décoratif", "category": category.pk}
    )
    assert response["Location"] == "/wiki/search/?q=Gabion+d%C3%A9coratif"
    assert ArticleRequest.objects.get().title == "Gabion décoratif"
    assert not ArticlePage.objects.filter(title="Gabion décoratif").exists()
    client.force_login(editor_user)
    response = client.get(url)
    assert response.status_code == 302
    assert "/cms/pages/" in response["Location"] and "/edit/" in response["Location"]
    draft = ArticlePage.objects.get(title="Gabion décoratif")
    assert not draft.live and draft.get_parent().pk == category.pk
    # again: the same draft, not a second one
    assert client.get(url)["Location"] == response["Location"]
    assert client.get(response["Location"]).status_code == 200


def test_create_bad_input_shows_form(client, editor_user, category):
    client.force_login(editor_user)
    response = client.get("/wiki/create/?title=+++&category=999999")
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    response = client.get("/wiki/create/?title=Gabion&category=999999")
    assert response.context["form"].errors["category"]


def test_review_category_forces_workflow_for_editors(wiki, editor_user):
    from .conftest import make_category

    reviewed = make_category(wiki, "Normes", slug="normes", requires_review=True)
    direct = make_category(wiki, "SAV", slug="sav", requires_review=False)
    assert reviewed.get_workflow().name == "Relecture wiki"
    assert not reviewed.permissions_for_user(editor_user).can_publish_subpage()
    assert direct.permissions_for_user(editor_user).can_publish_subpage()


def test_category_review_policy_follows_admin_edits(
    client, admin_user, wiki, editor_user
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from wiki.models import WikiCategoryPage

    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Normes",
            "slug": "normes",
            "description": "",
            "requires_review": "on",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/cms/pages/add/wiki/wikicategorypage/{wiki.pk}/", data)
    assert response.status_code == 302, response.content[:2000]
    category = WikiCategoryPage.objects.get(slug="normes")
    assert category.get_workflow().name == "Relecture wiki"
    assert not category.permissions_for_user(editor_user).can_publish_subpage()
    data.pop("requires_review")
    response = client.post(f"/cms/pages/{category.pk}/edit/", data)
    assert response.status_code == 302
    fresh_editor = type(editor_user).objects.get(pk=editor_user.pk)  # no perm cache
    category = WikiCategoryPage.objects.get(pk=category.pk)
    assert category.permissions_for_user(fresh_editor).can_publish_subpage()
    assert category.get_workflow() is None or (
        category.get_workflow().name != "Relecture wiki"
    )


def test_reserved_category_slug_refused(wiki):
    from django.core.exceptions import ValidationError

    from wiki.models import WikiCategoryPage

    with pytest.raises(ValidationError):
        wiki.add_child(instance=WikiCategoryPage(title="Search", slug="search"))


def test_create_refused_to_outsiders(client, outsider_user, category):
    client.force_login(outsider_user)
    assert client.get("/wiki/create/?title=Gabion").status_code == 403


def test_edit_form_starts_with_an_empty_change_note(client, editor_user, category):
    article = make_article(category, "Portillon", change_note="Ancienne note")
    client.force_login(editor_user)
    response = client.get(f"/cms/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert response.context["form"]["change_note"].value() == ""
