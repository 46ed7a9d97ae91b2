import datetime

import pytest
from django.utils import timezone

from wiki.models import ArticleFeedback, ArticleStat

from .conftest import make_article, republish

pytestmark = pytest.mark.django_db


def _body():
    return [
        ("heading", {"text": "Hauteurs", "level": "h2"}),
        ("paragraph", "<p>Voir [[Poteau]].</p>"),
        ("heading", {"text": "Hauteurs", "level": "h3"}),
        ("callout", {"kind": "info", "title": "À savoir", "text": "Un [[Gabion]] ?"}),
    ]


def test_article_shows_trust_toc_and_due_flag(client, staff_user, category):
    past = timezone.localdate() - datetime.timedelta(days=1)
    article = make_article(
        category,
        "Panneau rigide",
        expert=staff_user,
        last_reviewed=datetime.date(2026, 3, 2),
        review_by=past,
        body=_body(),
    )
    client.force_login(staff_user)
    response = client.get(article.url)
    html = response.content.decode()
    assert 'href="#hauteurs"' in html and 'href="#hauteurs-2"' in html
    assert 'id="hauteurs-2"' in html
    assert "Staff" in html  # the expert's name
    assert "2 mars 2026" in html
    assert "review-flag" in html
    assert ArticleStat.objects.get(page_id=article.pk).views == 1


def test_wiki_home_lists_due_recent_and_categories(client, staff_user, category, wiki):
    past = timezone.localdate() - datetime.timedelta(days=1)
    make_article(category, "Vieux", review_by=past)
    make_article(category, "Neuf")
    client.force_login(staff_user)
    response = client.get(wiki.url)
    assert [p.title for p in response.context["due"]] == ["Vieux"]
    assert [(c.title, n) for c, n in response.context["categories"]] == [
        ("Panneaux rigides", 2)
    ]
    assert {p.title for p in response.context["recent"]} == {"Vieux", "Neuf"}


def test_feedback_yes_no_and_bad_input(client, staff_user, category):
    article = make_article(category, "Portail")
    client.force_login(staff_user)
    url = f"/wiki/feedback/{article.pk}/"
    client.post(url, {"helpful": "no", "comment": "Il manque le prix."})
    client.post(url, {"helpful": "yes", "comment": ""})
    feedback = ArticleFeedback.objects.get()
    assert feedback.helpful is True and feedback.comment == ""
    response = client.post(url, {"helpful": "maybe"}, follow=True)
    html = response.content.decode()
    assert "Please answer yes or no." in html or "Répondez par oui ou par non." in html
    assert ArticleFeedback.objects.count() == 1


def test_recent_changes_filters_and_feed(client, staff_user, editor_user, category):
    article = make_article(category, "Portail", user=editor_user)
    republish(article, user=staff_user, change_note="Ajout des délais")
    client.force_login(staff_user)
    response = client.get("/wiki/recent/", {"user": "staff"})
    entries = list(response.context["entries"])
    assert entries and {e.user_id for e in entries} == {staff_user.pk}
    assert "Ajout des délais" in response.content.decode()
    response = client.get("/wiki/recent/", {"category": 999999})
    assert response.status_code == 200
    feed = client.get("/wiki/recent/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Portail" in feed.content.decode()
    client.logout()
    assert client.get("/wiki/recent/feed/").status_code == 302


def test_query_counts(
    client, staff_user, category, wiki, django_assert_max_num_queries
):
    articles = [
        make_article(category, f"Article {n}", "Voir [[Article 0]] et [[Absent]].")
        for n in range(8)
    ]
    client.force_login(staff_user)
    client.get(articles[3].url)  # warm caches (site root paths)
    with django_assert_max_num_queries(26):
        assert client.get(articles[3].url).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(wiki.url).status_code == 200
