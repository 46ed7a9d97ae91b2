"""The wiki trash: admin delete moves wiki pages there, restore brings them back
as they were, superusers delete for good; nothing else is ever lost."""

import datetime
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Comment, Page, Revision

from hub.models import AuditEntry
from wiki import trash
from wiki.links import title_key
from wiki.models import (
    ArticleFeedback,
    ArticlePage,
    CoursePage,
    LessonPage,
    TrashEntry,
    WikiCategoryPage,
    WikiTrashPage,
)
from wiki.selectors import article_search, category_articles
from wiki.selectors.articles import backlinks, link_map

from .conftest import make_article, make_category, republish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, whether or not the French catalog is
    compiled (the default language is French)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def tree_is_clean():
    bad_alpha, bad_path, orphans, bad_depth, bad_numchild = Page.find_problems()
    return not (bad_alpha or bad_path or orphans or bad_depth or bad_numchild)


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def galva(category, editor_user):
    page = make_article(
        category,
        "Galvanisation à chaud",
        "Bain de zinc fondu à 450 °C.",
        user=editor_user,
        summary="L'acier galvanisé ne rouille pas.",
    )
    return republish(page, user=editor_user, summary="Zinc fondu : pas de rouille.")


# -- services --------------------------------------------------------------------


def test_trash_unpublishes_moves_and_keeps_everything(galva, category, admin_user):
    revisions = galva.revisions.count()
    comment = Comment.objects.create(
        page=galva, user=admin_user, text="Vérifier la température", contentpath="title"
    )
    ArticleFeedback.objects.create(page=galva, user=admin_user, helpful=False)
    url_path = galva.url_path

    entry = trash.article_trash(page=galva, user=admin_user)

    page = fresh(galva)
    holder = WikiTrashPage.objects.get()
    assert page.get_parent().pk == holder.pk
    assert not page.live and page.url is None
    assert page.revisions.count() == revisions
    assert Comment.objects.filter(pk=comment.pk, page=page).exists()
    assert ArticleFeedback.objects.filter(page=page).exists()
    assert entry.original_parent.pk == category.pk
    assert entry.original_url_path == url_path
    assert entry.trashed_by == admin_user
    assert entry.live_revisions == {str(page.pk): galva.live_revision_id}
    assert not holder.live and holder.url is None
    assert list(category_articles(category=category)) == []
    assert actions()[-1] == "wiki.trash"
    assert tree_is_clean()


def test_trashed_article_leaves_search_and_links_restored_one_returns(
    galva, category, editor_user
):
    galva = republish(
        galva,
        user=editor_user,
        body=[("paragraph", "<p>Voir [[Rouille blanche]].</p>")],
    )
    rouille = make_article(
        category, "Rouille blanche", "Voir [[Galvanisation à chaud]]."
    )
    assert [hit.page.pk for hit in article_search(query="galvanisation")][:1] == [
        galva.pk
    ]
    assert [p.pk for p in backlinks(rouille)] == [galva.pk]
    assert title_key(galva.title) in link_map(fresh(rouille))

    trash.article_trash(page=galva, user=editor_user)
    found = [hit.page.pk for hit in article_search(query="galvanisation")]
    assert galva.pk not in found
    assert backlinks(rouille) == []
    assert title_key(galva.title) not in link_map(fresh(rouille))  # a red link now

    trash.article_restore(page=galva, user=editor_user)
    found = [hit.page.pk for hit in article_search(query="galvanisation")]
    assert found[:1] == [galva.pk]
    assert [p.pk for p in backlinks(rouille)] == [galva.pk]
    assert title_key(galva.title) in link_map(fresh(rouille))


def test_restore_republishes_as_it_was(galva, category, editor_user, client):
    live_revision = galva.live_revision_id
    url = galva.url
    trash.article_trash(page=galva, user=editor_user)

    result = trash.article_restore(page=galva, user=editor_user)

    page = fresh(galva)
    assert result.original_place and result.republished == 1
    assert not result.slug_changed
    assert page.live and page.get_parent().pk == category.pk
    assert page.url == url
    assert page.live_revision_id == live_revision
    assert page.summary == "Zinc fondu : pas de rouille."
    assert not TrashEntry.objects.exists()
    assert actions()[-2:] == ["wiki.trash", "wiki.restore"]
    assert tree_is_clean()
    client.force_login(editor_user)
    assert client.get(url).status_code == 200


def test_restore_keeps_drafts_and_pending_changes(category, editor_user):
    draft = ArticlePage(title="Brouillon", summary="À écrire.", live=False)
    category.add_child(instance=draft)
    draft.save_revision(user=editor_user)
    published = make_article(category, "Publié", "Texte.")
    pending = ArticlePage.objects.get(pk=published.pk)
    pending.summary = "Changement en attente de relecture."
    pending.save_revision(user=editor_user)

    for page in (draft, published):
        trash.article_trash(page=page, user=editor_user)
        trash.article_restore(page=page, user=editor_user)

    assert not fresh(draft).live
    page = fresh(published)
    assert page.live and page.has_unpublished_changes
    assert page.summary == "Résumé."
    assert page.get_latest_revision().content["summary"] == (
        "Changement en attente de relecture."
    )


def test_category_goes_with_its_articles_and_comes_back_with_them(
    wiki, category, editor_user
):
    first = make_article(category, "Panneau 2D", "Fil de 6 mm.")
    draft = ArticlePage(title="Panneau 3D", summary="Brouillon.", live=False)
    category.add_child(instance=draft)

    entry = trash.article_trash(page=category, user=editor_user)

    assert not fresh(first).live and not fresh(category).live
    assert set(entry.live_revisions) == {str(category.pk), str(first.pk)}
    assert trash.in_trash(fresh(first))
    result = trash.article_restore(page=category, user=editor_user)
    assert result.republished == 2
    assert fresh(category).live and fresh(first).live
    assert not fresh(draft).live
    assert fresh(first).url == f"{wiki.url}{category.slug}/panneau-2d/"
    assert tree_is_clean()


def test_slug_taken_meanwhile_gets_a_free_one(galva, category, editor_user):
    trash.article_trash(page=galva, user=editor_user)
    newer = make_article(category, "Galvanisation à chaud", "Nouvelle version.")
    assert newer.slug == galva.slug

    result = trash.article_restore(page=galva, user=editor_user)

    page = fresh(galva)
    assert result.slug_changed
    assert page.slug == f"{galva.slug}-2" and page.live
    assert page.url_path.endswith(f"/{galva.slug}-2/")
    assert fresh(newer).url_path.endswith(f"/{galva.slug}/")
    assert tree_is_clean()


def test_two_trashed_pages_with_one_slug(wiki, category, editor_user):
    other = make_category(wiki, "Portails", slug="portails")
    a = make_article(category, "Installation", "A.")
    b = make_article(other, "Installation", "B.")
    trash.article_trash(page=a, user=editor_user)
    trash.article_trash(page=b, user=editor_user)
    assert fresh(a).slug != fresh(b).slug
    trash.article_restore(page=b, user=editor_user)
    assert fresh(b).slug == "installation" and fresh(b).get_parent().pk == other.pk


def test_parent_deleted_for_good_restores_as_draft_under_wiki_home(
    wiki, category, editor_user, admin_user
):
    article = make_article(category, "Orphelin", "Texte.")
    trash.article_trash(page=article, user=editor_user)
    trash.article_trash(page=category, user=editor_user)
    trash.article_purge(page=category, user=admin_user)

    result = trash.article_restore(page=article, user=editor_user)

    page = fresh(article)
    assert not result.original_place and result.republished == 0
    assert page.get_parent().pk == wiki.pk and not page.live
    assert page.revisions.count() == 1


def test_parent_in_the_trash_must_come_back_first(category, editor_user):
    article = make_article(category, "Dans une catégorie", "Texte.")
    trash.article_trash(page=article, user=editor_user)
    trash.article_trash(page=category, user=editor_user)
    with pytest.raises(ValidationError, match="restore it first"):
        trash.article_restore(page=article, user=editor_user)
    trash.article_restore(page=category, user=editor_user)
    trash.article_restore(page=article, user=editor_user)
    assert fresh(article).live and fresh(article).get_parent().pk == category.pk


def test_webschool_pages_go_to_the_trash(wiki_tree, editor_user):
    _wiki, school = wiki_tree
    course = school.add_child(instance=CoursePage(title="Débuter", level="initiation"))
    lesson = course.add_child(instance=LessonPage(title="Leçon 1"))
    trash.article_trash(page=course, user=editor_user)
    assert trash.in_trash(fresh(lesson))
    trash.article_restore(page=course, user=editor_user)
    assert fresh(lesson).live and fresh(course).get_parent().pk == school.pk


def test_bad_input_gets_a_clear_error(galva, wiki, category, editor_user, admin_user):
    with pytest.raises(ValidationError, match="not in the trash"):
        trash.article_restore(page=galva, user=editor_user)
    with pytest.raises(ValidationError, match="not in the trash"):
        trash.article_restore(page=None, user=editor_user)
    with pytest.raises(ValidationError, match="not in the trash"):
        trash.article_purge(page=galva, user=admin_user)
    with pytest.raises(ValidationError, match="Only wiki"):
        trash.article_trash(page=wiki, user=admin_user)
    trash.article_trash(page=galva, user=editor_user)
    with pytest.raises(ValidationError, match="already in the trash"):
        trash.article_trash(page=galva, user=editor_user)
    with pytest.raises(ValidationError, match="Only wiki"):
        trash.article_trash(page=trash.trash_holder(), user=admin_user)
    assert actions() == ["wiki.trash"]


def test_trash_stops_scheduled_publication(category, editor_user):
    page = make_article(category, "Programmé", "Texte.")
    page = ArticlePage.objects.get(pk=page.pk)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision(user=editor_user).publish(skip_permission_checks=True)
    assert Revision.objects.exclude(approved_go_live_at=None).exists()
    trash.article_trash(page=page, user=editor_user)
    assert not Revision.objects.exclude(approved_go_live_at=None).exists()


def test_purge_deletes_for_good_superusers_only(galva, editor_user, admin_user):
    trash.article_trash(page=galva, user=editor_user)
    with pytest.raises(PermissionDenied):
        trash.article_purge(page=galva, user=editor_user)
    assert trash.article_purge(page=galva, user=admin_user) == 1
    assert not Page.objects.filter(pk=galva.pk).exists()
    assert not TrashEntry.objects.exists()
    entry = AuditEntry.objects.get(action="wiki.trash.purge")
    assert entry.actor == admin_user and entry.changes["title"] == galva.title
    assert tree_is_clean()


def test_purge_command_is_idempotent(category, editor_user):
    old = make_article(category, "Ancien", "Texte.")
    recent = make_article(category, "Récent", "Texte.")
    trash.article_trash(page=old, user=editor_user)
    trash.article_trash(page=recent, user=editor_user)
    TrashEntry.objects.filter(page=old).update(
        trashed_at=timezone.now() - datetime.timedelta(days=31)
    )
    out = StringIO()
    call_command("purge_wiki_trash", "--days", "30", "--dry-run", stdout=out)
    assert "[1/1] Would delete “Ancien”" in out.getvalue()
    assert Page.objects.filter(pk=old.pk).exists()

    out = StringIO()
    call_command("purge_wiki_trash", "--days", "30", stdout=out)
    assert "[1/1] Deleted “Ancien” (1 page(s))" in out.getvalue()
    assert not Page.objects.filter(pk=old.pk).exists()
    assert trash.in_trash(fresh(recent))
    out = StringIO()
    call_command("purge_wiki_trash", "--days", "30", stdout=out)
    assert "Nothing in the trash for more than 30 days." in out.getvalue()
    assert AuditEntry.objects.filter(action="wiki.trash.purge").count() == 1


# -- the Wagtail admin delete flow -------------------------------------------------


def test_admin_delete_moves_to_trash(client, galva, category, admin_user):
    client.force_login(admin_user)
    url = f"/cms/pages/{galva.pk}/delete/"
    response = client.get(url)
    assert response.status_code == 200
    assert "wiki/admin/confirm_trash.html" in [t.name for t in response.templates]
    assert Page.objects.get(pk=galva.pk).live

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/cms/pages/{category.pk}/"
    assert trash.in_trash(fresh(galva))
    assert any("wiki trash" in m for m in messages_of(response))
    assert TrashEntry.objects.get().trashed_by == admin_user


def test_admin_delete_by_editors_trashes_where_they_may_delete(
    client, wiki, galva, editor_user
):
    """Editors may delete only where they publish directly (Wagtail's rule);
    there too the page goes to the trash."""
    reviewed = make_category(wiki, "Normes", slug="normes", requires_review=True)
    guarded = make_article(reviewed, "NF EN 10223", "Norme.")
    client.force_login(editor_user)
    response = client.post(f"/cms/pages/{guarded.pk}/delete/")
    assert response.status_code in (302, 403)
    assert fresh(guarded).live and not TrashEntry.objects.exists()

    assert client.post(f"/cms/pages/{galva.pk}/delete/").status_code == 302
    assert trash.in_trash(fresh(galva))
    assert Page.objects.filter(pk=galva.pk).exists()


def test_admin_delete_of_the_wiki_home_is_refused(client, wiki, galva, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/cms/pages/{wiki.pk}/delete/")
    assert response.status_code == 302
    assert Page.objects.filter(pk=wiki.pk).exists() and fresh(galva).live
    assert any("move them to the trash" in m for m in messages_of(response))


def test_admin_delete_of_other_pages_is_wagtails(client, wiki, admin_user):
    other = wiki.get_parent().add_child(instance=Page(title="Note", slug="note"))
    client.force_login(admin_user)
    assert client.post(f"/cms/pages/{other.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=other.pk).exists()


def test_admin_delete_in_the_trash_goes_to_the_purge_confirmation(
    client, galva, admin_user
):
    trash.article_trash(page=galva, user=admin_user)
    client.force_login(admin_user)
    response = client.post(f"/cms/pages/{galva.pk}/delete/")
    assert response["Location"] == f"/wiki/trash/{galva.pk}/delete/"
    assert Page.objects.filter(pk=galva.pk).exists()
    holder = trash.trash_holder()
    response = client.post(f"/cms/pages/{holder.pk}/delete/")
    assert response.status_code == 302
    assert Page.objects.filter(pk=holder.pk).exists()


def test_admin_bulk_delete_moves_to_trash(client, category, admin_user):
    a = make_article(category, "Un", "Texte.")
    b = make_article(category, "Deux", "Texte.")
    client.force_login(admin_user)
    url = (
        f"/cms/bulk/wagtailcore/page/delete/?id={a.pk}&id={b.pk}"
        f"&next=/cms/pages/{category.pk}/"
    )
    response = client.post(url)
    assert response.status_code == 302
    assert trash.in_trash(fresh(a)) and trash.in_trash(fresh(b))
    assert TrashEntry.objects.count() == 2


def test_admin_edit_move_copy_and_bulk_publish_stop_at_the_trash(
    client, galva, category, admin_user
):
    trash.article_trash(page=galva, user=admin_user)
    client.force_login(admin_user)
    for url in (
        f"/cms/pages/{galva.pk}/edit/",
        f"/cms/pages/{galva.pk}/move/{category.pk}/confirm/",
        f"/cms/pages/{galva.pk}/copy/",
        f"/cms/bulk/wagtailcore/page/publish/?id={galva.pk}&next=/cms/",
    ):
        response = client.post(url, {"new_title": "Copie", "new_slug": "copie"})
        assert response.status_code == 302, url
        assert messages_of(response)[-1].strip() == (
            "This page is in the wiki trash: restore it first."
        ), url
    page = fresh(galva)
    assert trash.in_trash(page) and not page.live
    assert not Page.objects.filter(slug="copie").exists()


# -- the trash page ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor_user", "manager_user", "admin_user"])
def test_trash_list_for_editors_and_managers(client, request, galva, role):
    user = request.getfixturevalue(role)
    trash.article_trash(page=galva, user=user)
    client.force_login(user)
    response = client.get("/wiki/trash/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Galvanisation à chaud" in html
    assert f"/wiki/trash/{galva.pk}/restore/" in html
    assert (f"/wiki/trash/{galva.pk}/delete/" in html) == user.is_superuser


def test_trash_list_refused(client, staff_user, sales_user):
    assert client.get("/wiki/trash/").status_code == 302  # to the login page
    for user in (staff_user, sales_user):
        client.force_login(user)
        assert client.get("/wiki/trash/").status_code == 403


def test_restore_view(client, galva, editor_user):
    trash.article_trash(page=galva, user=editor_user)
    client.force_login(editor_user)
    assert client.get(f"/wiki/trash/{galva.pk}/restore/").status_code == 405
    response = client.post(f"/wiki/trash/{galva.pk}/restore/")
    assert response.status_code == 302 and response["Location"] == "/wiki/trash/"
    assert fresh(galva).live
    assert any("published again" in m for m in messages_of(response))


def test_restore_view_refused(client, galva, staff_user, editor_user):
    trash.article_trash(page=galva, user=editor_user)
    client.force_login(staff_user)
    assert client.post(f"/wiki/trash/{galva.pk}/restore/").status_code == 403
    assert trash.in_trash(fresh(galva))


def test_restore_view_not_in_trash(client, galva, editor_user):
    client.force_login(editor_user)
    for page_id in (galva.pk, 999_999):
        response = client.post(f"/wiki/trash/{page_id}/restore/")
        assert response.status_code == 302
        assert messages_of(response)[-1] == "This page is not in the trash."
    assert "wiki.restore" not in actions()


def test_purge_view_superuser(client, galva, admin_user):
    trash.article_trash(page=galva, user=admin_user)
    client.force_login(admin_user)
    response = client.get(f"/wiki/trash/{galva.pk}/delete/")
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    response = client.post(f"/wiki/trash/{galva.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=galva.pk).exists()
    assert any("deleted for good" in m for m in messages_of(response))


def test_purge_view_refused_to_editors(client, galva, editor_user, manager_user):
    trash.article_trash(page=galva, user=editor_user)
    for user in (editor_user, manager_user):
        client.force_login(user)
        assert client.get(f"/wiki/trash/{galva.pk}/delete/").status_code == 403
        assert client.post(f"/wiki/trash/{galva.pk}/delete/").status_code == 403
    assert Page.objects.filter(pk=galva.pk).exists()


def test_reports_leave_out_trashed_articles(client, galva, editor_user):
    ArticleFeedback.objects.create(
        page=galva, user=editor_user, helpful=False, comment="Pas clair"
    )
    client.force_login(editor_user)
    assert "Pas clair" in client.get("/wiki/reports/").content.decode()
    trash.article_trash(page=galva, user=editor_user)
    html = client.get("/wiki/reports/").content.decode()
    assert "Pas clair" not in html and "Galvanisation" not in html


def test_category_slug_trash_is_reserved(wiki):
    category = WikiCategoryPage(title="Corbeille", slug="trash")
    category.set_url_path(wiki)
    with pytest.raises(ValidationError):
        category.full_clean()
