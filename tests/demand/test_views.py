"""The queue's pages: who may see and act, each action, bad input."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from demand.models import DemandItem
from demand.services import demand_note
from hub import roles
from hub.models import AuditEntry
from tests.conftest import make_user
from wiki.models import Synonym

from .conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db):
    demand_note(source="search", text="grillage pour kangourous", ref="search:1")
    return demand_note(
        source="customer", text="Grillage kangourou ?", ref="customer-question:1"
    )


@pytest.fixture
def moderator(db):
    # Wagtail's migration makes the group, but a transactional test elsewhere in the
    # run may have flushed it: make sure it exists before joining it.
    Group.objects.get_or_create(name="Moderators")
    return make_user("moderator", roles.STAFF, "Moderators")


def test_anonymous_goes_to_login(client, item):
    response = client.get("/wiki/demand/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["staff_user", "sales_user", "outsider_user"])
def test_who_does_not_edit_is_refused(request, client, item, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/wiki/demand/").status_code == 403
    assert client.get(f"/wiki/demand/{item.pk}/").status_code == 403
    response = client.post(f"/wiki/demand/{item.pk}/dismiss/", {"reason": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.is_open


@pytest.mark.parametrize("who", ["editor_user", "moderator", "admin_user"])
def test_editors_and_moderators_see_the_queue(request, client, item, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/wiki/demand/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "grillage pour kangourous" in html
    assert f'data-item="{item.pk}"' in html


def test_the_queue_is_not_on_a_microsite_host(client, editor_user, item):
    client.force_login(editor_user)
    response = client.get("/wiki/demand/", HTTP_HOST="portails-bordeaux.localhost")
    assert response.status_code == 404


def test_filters_by_status_and_source_and_ignores_bad_values(client, editor_user):
    demand_note(source="search", text="portail solaire", ref="search:9")
    demand_note(source="customer", text="garantie", ref="customer-question:9")
    client.force_login(editor_user)
    response = client.get("/wiki/demand/", {"source": "customer"})
    assert [i.label for i in response.context["items"]] == ["garantie"]
    response = client.get("/wiki/demand/", {"status": "nope", "source": "<x>"})
    assert response.status_code == 200
    assert {i.label for i in response.context["items"]} == {
        "garantie",
        "portail solaire",
    }
    response = client.get("/wiki/demand/", {"status": "dismissed"})
    assert list(response.context["items"]) == []


def test_header_badge_counts_open_items_for_editors_only(
    client, editor_user, staff_user, item
):
    client.force_login(editor_user)
    html = client.get("/wiki/").content.decode()
    assert 'data-nav="demand"' in html and "data-nav-badge" in html
    assert '<span aria-hidden="true">1</span>' in html
    client.force_login(staff_user)
    html = client.get("/wiki/").content.decode()
    assert 'data-nav="demand"' not in html


def test_item_page_lists_wordings_and_candidates(client, editor_user, category, item):
    article = make_article(category, "Grillage kangourou", "Haut de deux mètres.")
    client.force_login(editor_user)
    response = client.get(f"/wiki/demand/{item.pk}/")
    html = response.content.decode()
    assert "Grillage kangourou ?" in html and "grillage pour kangourous" in html
    assert f'data-answer-with="{article.pk}"' in html  # suggested from the question
    fragment = client.get(f"/wiki/demand/{item.pk}/articles/", {"find": "kangourou"})
    assert f'data-answer-with="{article.pk}"' in fragment.content.decode()
    empty = client.get(f"/wiki/demand/{item.pk}/articles/", {"find": "zzzz"})
    assert "zzzz" in empty.content.decode()
    assert "data-answer-with" not in empty.content.decode()


def test_mark_answered_by_an_article(client, editor_user, category, item):
    article = make_article(category, "Grillage kangourou", "Haut de deux mètres.")
    client.force_login(editor_user)
    response = client.post(f"/wiki/demand/{item.pk}/answered/", {"page": article.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answered_by_id, item.closed_by) == (
        "answered",
        article.pk,
        editor_user,
    )
    again = client.post(f"/wiki/demand/{item.pk}/dismiss/", {"reason": ""})
    assert again.status_code == 302  # already closed: nothing done twice
    item.refresh_from_db()
    assert item.status == "answered"
    assert AuditEntry.objects.filter(action="demand.close").count() == 1


@pytest.mark.parametrize("page", ["", "abc", "-3", "999999"])
def test_mark_answered_refuses_what_is_not_a_live_article(
    client, editor_user, item, page
):
    client.force_login(editor_user)
    response = client.post(f"/wiki/demand/{item.pk}/answered/", {"page": page})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.is_open


def test_a_category_page_is_not_an_answer(client, editor_user, category, item):
    client.force_login(editor_user)
    response = client.post(f"/wiki/demand/{item.pk}/answered/", {"page": category.pk})
    assert response.status_code == 400


def test_dismiss_with_a_reason(client, editor_user, item):
    client.force_login(editor_user)
    response = client.post(f"/wiki/demand/{item.pk}/dismiss/", {"reason": "blague"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.close_note) == ("dismissed", "blague")
    entry = AuditEntry.objects.get(action="demand.dismiss")
    assert (entry.actor, entry.target_id) == (editor_user, str(item.pk))
    reopened = client.post(f"/wiki/demand/{item.pk}/reopen/")
    assert reopened.status_code == 302
    item.refresh_from_db()
    assert item.is_open
    response = client.post(f"/wiki/demand/{item.pk}/dismiss/", {"reason": "x" * 300})
    assert response.status_code == 400


def test_write_opens_a_prefilled_draft_in_the_editor(
    client, editor_user, category, item
):
    client.force_login(editor_user)
    response = client.post(f"/wiki/demand/{item.pk}/write/", {"category": category.pk})
    item.refresh_from_db()
    assert item.draft is not None
    assert response["Location"] == f"/cms/pages/{item.draft_id}/edit/"
    assert item.draft.title == "Grillage pour kangourous"
    assert item.is_open


@pytest.mark.parametrize("category_value", ["", "abc", "999999"])
def test_write_refuses_a_bad_category(
    client, editor_user, category, item, category_value
):
    client.force_login(editor_user)
    response = client.post(
        f"/wiki/demand/{item.pk}/write/", {"category": category_value}
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.draft is None


def test_a_synonym_that_makes_it_findable_closes_it(client, editor_user, category):
    item = demand_note(source="search", text="marsupiaux", ref="search:m")
    article = make_article(
        category,
        "Grillage anti-kangourou",
        summary="Grillage haut contre les kangourous.",
    )
    client.force_login(editor_user)
    response = client.post(
        f"/wiki/demand/{item.pk}/synonym/",
        {"term": "marsupiaux", "expansions": "kangourou, , grillage"},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(term="marsupiaux")
    assert synonym.expansions == "kangourou, grillage"
    assert AuditEntry.objects.filter(action="wiki.synonym", actor=editor_user).exists()
    item.refresh_from_db()
    assert (item.closed_how, item.answered_by_id, item.closed_by) == (
        "synonym",
        article.pk,
        editor_user,
    )


def test_a_synonym_merges_into_a_known_term(client, editor_user, item):
    client.force_login(editor_user)
    before = Synonym.objects.get(term="galva").expansion_list()
    client.post(
        f"/wiki/demand/{item.pk}/synonym/",
        {"term": "Galva", "expansions": "zinc, galvanisation"},
    )
    assert Synonym.objects.get(term="galva").expansion_list() == [*before, "zinc"]
    item.refresh_from_db()
    assert item.is_open  # still nothing about kangaroos


@pytest.mark.parametrize(
    "data", [{"term": "", "expansions": "a"}, {"term": "galva", "expansions": " , "}]
)
def test_synonym_bad_input(client, editor_user, item, data):
    client.force_login(editor_user)
    count = Synonym.objects.count()
    response = client.post(f"/wiki/demand/{item.pk}/synonym/", data)
    assert response.status_code == 400
    assert Synonym.objects.count() == count


def test_actions_are_post_only_and_csrf_checked(editor_user, item):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    assert client.get(f"/wiki/demand/{item.pk}/dismiss/").status_code == 405
    assert client.post(f"/wiki/demand/{item.pk}/dismiss/").status_code == 403
    item.refresh_from_db()
    assert item.is_open
    assert DemandItem.objects.count() == 1
