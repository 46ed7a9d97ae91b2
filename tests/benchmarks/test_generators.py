"""The benchmark data generators produce valid data: CSV rows the importer accepts
(valid SIREN, phones), and bulk-inserted wiki articles that form a sound page tree
and are found by the wiki's own search."""

import pytest
from wagtail.models import Page

from benchmarks import bench_lead_import, wiki_data


def test_generated_sirens_and_phones_are_valid():
    from prospecting import normalize

    for number in (0, 7, 99_999):
        siren = bench_lead_import.siren(10_000_000 + number)
        assert normalize.normalize_siren(siren) == siren
        assert normalize.normalize_phone(bench_lead_import.phone(number))


def test_generated_csv_holds_repeats_other_people_and_look_alikes(tmp_path):
    path = tmp_path / "leads.csv"
    mix = bench_lead_import.write_csv(path, 1000)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1001
    assert sum(mix.values()) - mix["new_person"] == 1000
    assert 25 <= mix["repeats"] <= 80
    assert 5 <= mix["new_person"] < mix["repeats"]
    assert 10 <= mix["look_alikes"] <= 50


@pytest.mark.django_db
def test_bulk_articles_form_a_sound_tree_and_are_searchable():
    from wiki.models import ArticlePage
    from wiki.selectors import article_search

    category = wiki_data.ensure_category()
    wiki_data.add_articles(category, 0, 30)
    wiki_data.add_articles(category, 30, 5)
    category.refresh_from_db()
    assert category.numchild == 35
    assert ArticlePage.objects.live().child_of(category).count() == 35
    assert Page.find_problems() == ([], [], [], [], [])
    hits = article_search(query="référence33")
    assert [hit.page.slug for hit in hits] == ["article-33"]
