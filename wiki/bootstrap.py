"""The wiki's base data: its two index pages, privacy, Editors' permissions and
the review workflow. Idempotent; called by the seed step and by test fixtures."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, PageViewRestriction

from hub import roles
from hub.bootstrap import ensure_base_data

from .models import WebschoolIndexPage, WikiIndexPage
from .services import grant_page_permission, review_workflow


@transaction.atomic
def ensure_wiki_tree() -> tuple[WikiIndexPage, WebschoolIndexPage]:
    ensure_base_data()
    from hub.models import HubHomePage

    home = HubHomePage.objects.first()
    wiki = WikiIndexPage.objects.first()
    if wiki is None:
        wiki = home.add_child(
            instance=WikiIndexPage(
                title="Encyclopédie du grillage",
                slug="wiki",
                intro=(
                    "Toutes les réponses aux questions des clients : produits, "
                    "pose, normes et service après-vente."
                ),
            )
        )
    school = WebschoolIndexPage.objects.first()
    if school is None:
        school = home.add_child(
            instance=WebschoolIndexPage(
                title="Webschool",
                slug="webschool",
                intro=(
                    "Trois niveaux pour apprendre à trouver des clients sur le web : "
                    "initiation, communication, prospection."
                ),
            )
        )
    for page in (wiki, school):
        restrict_to_staff(page)
    grant_editor_permissions(wiki, school)
    review_workflow()
    return wiki, school


def restrict_to_staff(page) -> None:
    restriction, _created = PageViewRestriction.objects.get_or_create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=roles.ALL_ROLES))


def grant_editor_permissions(wiki, school) -> None:
    editors = Group.objects.get(name=roles.EDITORS)
    for action in ("add", "change"):
        grant_page_permission(group=editors, page=wiki, action=action)
    for action in ("add", "change", "publish"):
        grant_page_permission(group=editors, page=school, action=action)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wiki",
            codename__in=[
                "add_productfact",
                "change_productfact",
                "delete_productfact",
                "view_productfact",
                "add_synonym",
                "change_synonym",
                "delete_synonym",
                "view_synonym",
            ],
        )
    )
    root = Collection.get_first_root_node()
    if root is None:
        return
    for codename in ("add_image", "choose_image", "add_document", "choose_document"):
        permission = Permission.objects.filter(codename=codename).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root, permission=permission
            )
