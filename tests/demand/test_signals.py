"""The wiki's events reach the queue: searches, votes, requests, red links."""

import pytest

from demand.collect import demand_collect
from demand.models import DemandItem
from wiki.models import AnswerFeedback, ArticleFeedback, SearchLog
from wiki.services import feedback_submit, search_log

pytestmark = pytest.mark.django_db


def test_a_zero_result_search_is_an_item_at_once(client, staff_user, category):
    client.force_login(staff_user)
    client.get("/wiki/search/", {"q": "grillage pour kangourous"})
    item = DemandItem.objects.get()
    assert (item.label, item.searches) == ("grillage pour kangourous", 1)


def test_a_search_with_results_is_not(staff_user, category):
    search_log(query="portail", hits=3, user=staff_user)
    assert not DemandItem.objects.exists()


def test_an_unhelpful_article_vote_counts_until_it_turns_helpful(staff_user, category):
    from .conftest import make_article

    article = make_article(category, "Pose", "Texte.")
    feedback_submit(user=staff_user, page=article, helpful=False, comment="trop court")
    item = DemandItem.objects.get()
    assert (item.key, item.page_id, item.not_helpful) == (
        f"page:{article.pk}",
        article.pk,
        1,
    )
    feedback_submit(user=staff_user, page=article, helpful=True)
    assert not DemandItem.objects.exists()


def test_an_unhelpful_answer_vote_names_its_passage(staff_user, category):
    from wiki.answers import feedback_record

    from .conftest import make_article

    article = make_article(category, "Délais de livraison", "Trois semaines.")
    feedback_record(
        query="combien de temps livraison", passage=(article.pk, ""), helpful=False
    )
    item = DemandItem.objects.get()
    signal = item.signals.get()
    assert (item.not_helpful, signal.page_id, signal.anchor) == (1, article.pk, "")
    AnswerFeedback.objects.all().delete()
    assert not DemandItem.objects.exists()


def test_article_requests_count_each_reader(staff_user, editor_user, category):
    from wiki.notices import article_request

    article_request(title="Portail solaire", category_id=category.pk, by=staff_user)
    article_request(title="portail solaire", category_id=category.pk, by=editor_user)
    article_request(title="Portail solaire", category_id=category.pk, by=staff_user)
    item = DemandItem.objects.get()
    assert (item.label, item.wanted) == ("Portail solaire", 2)


def test_the_sweep_catches_bulk_rows_and_red_links_once(staff_user, category):
    from .conftest import make_article, republish

    SearchLog.objects.bulk_create(
        [SearchLog(query="brise vue", normalized="brise vue", hits=0)] * 2
    )
    ArticleFeedback.objects.bulk_create([])
    source = make_article(category, "Clôture", "Voir [[Portail solaire]].")
    assert demand_collect()["noted"] == 3
    assert demand_collect()["noted"] == 0  # nothing twice
    wanted = DemandItem.objects.get(label="Portail solaire")
    assert wanted.wanted == 1
    republish(source, body=[("paragraph", "<p>Plus de lien.</p>")])
    assert demand_collect()["withdrawn"] == 1
    assert not DemandItem.objects.filter(label="Portail solaire").exists()
    assert DemandItem.objects.get(label="brise vue").searches == 2
