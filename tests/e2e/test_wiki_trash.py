"""Browser: a superuser deletes an article in the Wagtail admin, it waits in the
wiki trash, an editor restores it and it is readable again."""

import pytest

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot
from tests.wiki.conftest import make_article, make_category
from wiki.bootstrap import ensure_wiki_tree
from wiki.models import ArticlePage, TrashEntry


@pytest.mark.django_db(transaction=True)
def test_delete_in_admin_then_restore_from_trash(daphne_server, new_context):
    make_user("admin", roles.STAFF, superuser=True, first_name="Alice")
    make_user("editor", roles.STAFF, roles.EDITORS, first_name="Émile")
    wiki, _school = ensure_wiki_tree()
    traitements = make_category(wiki, "Traitements", slug="traitements")
    article = make_article(
        traitements,
        "Galvanisation à chaud",
        "Le zinc protège l'acier.",
        summary="Bain de zinc fondu à 450 °C.",
    )
    make_article(traitements, "Rouille blanche", "Dépôt après la galvanisation.")
    url = article.url

    admin = new_context().new_page()
    login(admin, daphne_server, "admin")
    admin.goto(f"{daphne_server}/cms/pages/{article.pk}/delete/")
    admin.get_by_text("rien n'est perdu").wait_for()
    screenshot(admin, "wiki-trash-admin-confirm")
    admin.get_by_role("button", name="Mettre à la corbeille").click()
    admin.wait_for_url(f"**/cms/pages/{traitements.pk}/")
    admin.get_by_text("est dans la corbeille du wiki").wait_for()
    assert TrashEntry.objects.filter(page_id=article.pk).exists()

    editor = new_context().new_page()
    login(editor, daphne_server, "editor")
    assert editor.goto(daphne_server + url).status == 404
    editor.goto(f"{daphne_server}/wiki/trash/")
    row = editor.get_by_role("row", name="Galvanisation à chaud")
    row.wait_for()
    assert "Traitements" in row.inner_text() and "Alice" in row.inner_text()
    assert editor.get_by_role("link", name="Supprimer définitivement").count() == 0
    assert axe_violations(editor) == []
    screenshot(editor, "wiki-trash")

    editor.get_by_role("button", name="Restaurer Galvanisation à chaud").click()
    editor.locator(".alert-success").get_by_text("publiée de nouveau").wait_for()
    editor.get_by_text("La corbeille est vide.").wait_for()
    screenshot(editor, "wiki-trash-restored")
    editor.goto(daphne_server + url)
    editor.get_by_role("heading", name="Galvanisation à chaud", exact=True).wait_for()
    assert ArticlePage.objects.get(pk=article.pk).live
