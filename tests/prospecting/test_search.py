import os

import pytest
from django.test import Client

from prospecting import search

from .factories import make_lead


def test_mapping_uses_french_analyzer_and_keyword_facets():
    mapping = search.LeadDocument._doc_type.mapping.to_dict()["properties"]
    for name in ("company", "contact", "note", "activities", "city"):
        assert mapping[name] == {"type": "text", "analyzer": "french"} or (
            mapping[name]["analyzer"] == "french"
        )
    assert mapping["company"]["fields"] == {"raw": {"type": "keyword"}}
    for name in ("stage", "source", "region", "owner", "email", "domain", "alive"):
        assert mapping[name] == {"type": "keyword"}
    assert mapping["found_by_id"] == {"type": "integer"}


def test_faceted_query_body_for_sales():
    faceted = search.LeadFacetedSearch(
        "grillage rigide", {"stage": "won", "region": "Bretagne"}
    )
    body = faceted._s.to_dict()
    must = body["query"]["bool"]["must"][0]["multi_match"]
    assert must["query"] == "grillage rigide"
    assert must["fields"] == [
        "company^3",
        "contact^2",
        "email",
        "note",
        "activities",
        "city",
    ]
    assert {"term": {"alive": "yes"}} in body["query"]["bool"]["filter"]
    assert not any("found_by_id" in str(f) for f in body["query"]["bool"]["filter"])
    post = body["post_filter"]["bool"]["must"]
    assert {"terms": {"stage": ["won"]}} in post and {
        "terms": {"region": ["Bretagne"]}
    } in post
    assert body["aggs"]["_filter_source"]["aggs"]["source"] == {
        "terms": {"field": "source"}
    }
    assert body["aggs"]["_filter_region"]["aggs"]["region"] == {
        "terms": {"field": "region", "size": 30}
    }
    assert body["highlight"]["fields"]


def test_faceted_query_body_for_staff_filters_on_finder():
    body = search.LeadFacetedSearch(None, {}, found_by_id=7)._s.to_dict()
    assert {"term": {"found_by_id": 7}} in body["query"]["bool"]["filter"]


@pytest.mark.django_db
def test_document_from_lead(staff_user):
    lead = make_lead(
        "Clôtures Martin",
        by=staff_user,
        contact={"name": "Jean Martin", "email": "j@martin.fr"},
        note="Panneaux",
    )
    doc = search.LeadDocument.from_lead(lead, ["Appel fait"]).to_dict(include_meta=True)
    assert doc["_id"] == lead.pk and doc["_index"] == search.LeadDocument._index._name
    source = doc["_source"]
    assert source["company"] == "Clôtures Martin" and source["contact"] == "Jean Martin"
    assert source["stage"] == "new" and source["found_by_id"] == staff_user.pk
    assert source["activities"] == "Appel fait" and source["alive"] == "yes"


@pytest.mark.django_db
def test_search_page_falls_back_to_the_database(sales_user, settings):
    settings.ELASTICSEARCH_URL = ""
    make_lead(
        "Grillages du Nord",
        company={"name": "Grillages du Nord", "region": "Hauts-de-France"},
    )
    make_lead("Portails Sud")
    client = Client()
    client.force_login(sales_user)
    html = client.get("/war-room/search/?q=grillages").content.decode()
    assert (
        "Grillages du Nord" in html
        and "Portails Sud" not in html
        and "Recherche en base" in html
    )
    # Facets show labels, not keys.
    assert "Hauts-de-France" in html and ">Nouveau</a>" in html


@pytest.mark.django_db
def test_reindex_command_needs_elasticsearch(settings):
    from django.core.management import CommandError, call_command

    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError):
        call_command("reindex_leads")


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"
)
@pytest.mark.django_db(transaction=True)
def test_live_index_search_and_sync(sales_user, staff_user, settings):
    import io

    from django.core.management import call_command

    from prospecting import services

    settings.LEAD_INDEX_NAME = search.LeadDocument._index._name
    mine = make_lead(
        "Clôtures Bretonnes",
        company={"name": "Clôtures Bretonnes", "region": "Bretagne"},
        by=staff_user,
    )
    make_lead(
        "Portails Occitans",
        company={"name": "Portails Occitans", "region": "Occitanie"},
    )
    out = io.StringIO()
    call_command("reindex_leads", stdout=out)
    assert "2 leads indexed" in out.getvalue()
    result = search.lead_search(user=sales_user, q="clôture")  # French stemming
    assert [lead.pk for lead in result.leads] == [
        mine.pk
    ] and result.backend == "elasticsearch"
    assert ("Bretagne", 1, False) in result.facets["region"]
    assert search.lead_search(user=staff_user, q="portails").total == 0
    services.lead_soft_delete(lead=mine, by=sales_user)
    search.LeadDocument._index.refresh(using=search.ALIAS)
    assert search.lead_search(user=sales_user, q="clôtures").total == 0
