"""« Questions fréquentes »: questions written by editors, answered by public
passages of the wiki, shown on the page and given as FAQPage JSON-LD — never a
staff-only passage, and gone when the article stops answering customers."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from microsites.blocks import FaqItemBlock
from microsites.models import MicrositeHomePage
from tests.wiki.conftest import republish

from .conftest import SECRET

HOST = "portails-bordeaux.localhost"


def put_faq(site, items, title="Questions fréquentes"):
    """The home page's body gets an FAQ block, published the way the admin does."""
    home = MicrositeHomePage.objects.get(pk=site.root_page_id)
    home.body = [
        (
            "faq",
            {
                "title": title,
                "items": [
                    {"question": q, "article": Page.objects.get(pk=a.pk), "section": s}
                    for q, a, s in items
                ],
            },
        )
    ]
    home.save_revision().publish()
    return home


def json_ld(html):
    return [
        json.loads(raw)
        for raw in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def faq_graph(html):
    return [item for item in json_ld(html) if item.get("@type") == "FAQPage"]


def test_questions_show_their_public_answers_and_search_engines_get_faqpage(
    bordeaux, articles
):
    put_faq(
        bordeaux,
        [
            ("Quel délai pour être livré ?", articles["public"], ""),
            ("Et en été ?", articles["public"], "livraison EN été"),
        ],
    )
    html = Client().get("/", HTTP_HOST=HOST).content.decode()
    assert "Questions fréquentes" in html
    assert "Quel délai pour être livré" in html and "trois semaines" in html
    assert "cinq semaines" in html
    (faq,) = faq_graph(html)
    assert [q["name"] for q in faq["mainEntity"]] == [
        "Quel délai pour être livré ?",
        "Et en été ?",
    ]
    assert faq["mainEntity"][0]["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "La livraison prend trois semaines après la commande.",
    }
    assert "/wiki/" not in html


def test_staff_only_passages_never_reach_the_page_nor_the_json_ld(bordeaux, articles):
    put_faq(
        bordeaux,
        [
            ("Votre remise ?", articles["internal"], ""),
            ("Votre marge ?", articles["public"], "Marge transport"),
        ],
    )
    html = Client().get("/", HTTP_HOST=HOST).content.decode()
    assert SECRET not in html
    assert "Votre remise" not in html and "Votre marge" not in html
    assert "ms-faq" not in html  # an FAQ with nothing to answer is not shown
    assert faq_graph(html) == []


def test_an_article_that_stops_answering_customers_leaves_the_cached_faq(
    bordeaux, articles
):
    put_faq(bordeaux, [("Quel délai ?", articles["public"], "")])
    client = Client()
    assert "trois semaines" in client.get("/", HTTP_HOST=HOST).content.decode()
    # the page is now cached; the wiki editors make the article staff-only
    republish(articles["public"], answer_customers=False)
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    assert "trois semaines" not in html and faq_graph(html) == []


def test_an_edited_answer_shows_at_once_on_the_sites_quoting_it(bordeaux, articles):
    put_faq(bordeaux, [("Quel délai ?", articles["public"], "")])
    client = Client()
    client.get("/", HTTP_HOST=HOST)
    republish(articles["public"], summary="La livraison prend deux semaines.")
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    assert "deux semaines" in html and "trois semaines" not in html


def test_the_faq_costs_one_query_whatever_its_length(bordeaux, articles):
    put_faq(bordeaux, [("Quel délai ?", articles["public"], "")])
    client = Client()

    def queries():
        client.cookies.clear()
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/", HTTP_HOST=HOST).status_code == 200
        return len(captured)

    one = queries()
    put_faq(
        bordeaux,
        [("Quel délai ?", articles["public"], "")]
        + [("En été ?", articles["public"], "Livraison en été")] * 5,
    )
    assert queries() == one


@translation.override("en")
def test_editors_are_told_why_a_section_cannot_answer(articles):
    block = FaqItemBlock()
    delivery = Page.objects.get(pk=articles["public"].pk)
    value = block.to_python(
        {
            "question": "Quel délai ?",
            "article": delivery.pk,
            "section": "Livraison en été",
        }
    )
    assert block.clean(value)["section"] == "Livraison en été"
    for section, words in (
        ("Transport maritime", "Livraison en été, Marge transport"),
        ("Marge transport", "staff only"),
    ):
        value = block.to_python(
            {"question": "Quel délai ?", "article": delivery.pk, "section": section}
        )
        with pytest.raises(ValidationError) as error:
            block.clean(value)
        assert words in str(error.value.block_errors["section"])
    internal = block.to_python(
        {"question": "Remise ?", "article": articles["internal"].pk, "section": ""}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(internal)
    assert "answer customers" in str(error.value.block_errors["article"])
