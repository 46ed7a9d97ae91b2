import pytest
from wagtail.models import ReferenceIndex

from wiki import links
from wiki.models import WikiLink
from wiki.selectors import wanted_articles
from wiki.selectors.articles import backlinks

from .conftest import make_article, republish

pytestmark = pytest.mark.django_db


def test_find_titles_and_keys():
    text = (
        "Voir [[Panneau rigide]] et [[panneau  RIGIDE|ici]] "
        "et [[Galvanisation à chaud]]."
    )
    assert links.find_titles(text) == ["Panneau rigide", "Galvanisation à chaud"]
    assert links.title_key("Éclat  de Peinture") == "eclat de peinture"


def test_render_existing_red_and_label(rf):
    link_map = {
        links.title_key("Panneau rigide"): ("/wiki/p/panneau/", "Panneau rigide")
    }
    html = links.render_links(
        "<p>[[Panneau rigide|le panneau]] ou [[Clôture électrique]]</p>", link_map, 7
    )
    link = '<a class="wikilink" href="/wiki/p/panneau/" title="Panneau rigide">'
    assert link + "le panneau</a>" in html
    assert 'class="wikilink wikilink-missing"' in html
    assert "/wiki/create/?title=Cl%C3%B4ture+%C3%A9lectrique&amp;category=7" in html


def test_render_escapes_html_in_titles_and_labels():
    html = links.render_text_links('[[<script>x</script>]] [[A|"><b>x</b>]]', {})
    # angle brackets cannot be part of a link in text; they stay escaped text
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    escaped_title = links.render_links(
        "[[Portail &amp; co|&lt;b&gt;bold&lt;/b&gt;]]", {}
    )
    assert "<b>" not in escaped_title
    assert "&lt;b&gt;bold&lt;/b&gt;" in escaped_title
    assert "title=Portail+%26+co" in escaped_title


def test_article_links_resolve_and_render(category, client, staff_user):
    target = make_article(category, "Galvanisation à chaud", "Le zinc protège.")
    source = make_article(
        category,
        "Panneau rigide",
        "Il est [[galvanisation a chaud|galvanisé]], voir [[Gabion]].",
    )
    stored = {link.title: link.target_id for link in source.wiki_links.all()}
    assert stored == {"galvanisation a chaud": target.pk, "Gabion": None}
    client.force_login(staff_user)
    html = client.get(source.url).content.decode()
    assert f'href="{target.url}"' in html and ">galvanisé</a>" in html
    assert "wikilink-missing" in html and "title=Gabion" in html


def test_backlinks_survive_rename_and_move(category, wiki):
    from .conftest import make_category

    target = make_article(category, "Poteau à encoches")
    source = make_article(category, "Pose", "On accroche sur le [[Poteau à encoches]].")
    assert [p.pk for p in backlinks(target)] == [source.pk]
    assert ReferenceIndex.get_references_to(target).exists()
    # rename the target: the link is stored by id, so it still resolves
    target = republish(target, title="Poteau à encoches 60 x 40", slug="poteau-60-40")
    assert [p.pk for p in backlinks(target)] == [source.pk]
    other = make_category(wiki, "Poteaux", slug="poteaux")
    target.move(other, pos="last-child")
    target.refresh_from_db()
    from wiki.selectors.articles import link_map

    source.refresh_from_db()
    assert link_map(source)[links.title_key("Poteau à encoches")][0] == target.url
    assert "/poteaux/poteau-60-40/" in target.url


def test_red_link_attaches_when_article_is_published(category):
    source = make_article(category, "Portail", "Voir [[Motorisation]].")
    assert wanted_articles()[0]["title"] == "Motorisation"
    target = make_article(category, "Motorisation")
    assert WikiLink.objects.get(source=source).target_id == target.pk
    assert [p.pk for p in backlinks(target)] == [source.pk]
    assert wanted_articles() == []


def test_wanted_articles_counted_by_use(category):
    make_article(category, "A", "[[Gabion]] [[Clôture électrique]]")
    make_article(category, "B", "[[Gabion]]")
    rows = wanted_articles()
    assert [(r["title"], r["uses"]) for r in rows] == [
        ("Gabion", 2),
        ("Clôture électrique", 1),
    ]
