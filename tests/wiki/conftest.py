import pytest

from wiki.bootstrap import ensure_wiki_tree
from wiki.models import ArticlePage, WikiCategoryPage
from wiki.services import category_apply_review_policy


@pytest.fixture
def wiki_tree(db):
    wiki, school = ensure_wiki_tree()
    return wiki, school


@pytest.fixture
def wiki(wiki_tree):
    return wiki_tree[0]


def make_category(wiki, title="Panneaux rigides", slug=None, requires_review=False):
    category = wiki.add_child(
        instance=WikiCategoryPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            requires_review=requires_review,
        )
    )
    category_apply_review_policy(category=category)
    return category


def make_article(category, title, text="", *, user=None, summary="Résumé.", **extra):
    body = [("paragraph", f"<p>{text}</p>")] if text else []
    extra.setdefault("body", body)
    page = ArticlePage(title=title, summary=summary, **extra)
    category.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def republish(page, *, user=None, **changes):
    page = ArticlePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


@pytest.fixture
def category(wiki):
    return make_category(wiki)


@pytest.fixture
def second_site(db):
    """A microsite outside the wiki: pages' `.url` become absolute. Deleted
    at teardown so Wagtail's cached site root paths forget it (a rollback
    sends no signal, and the cache outlives the test)."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node().add_child(
        instance=Page(title="Lyon", slug="lyon")
    )
    site = Site.objects.create(hostname="portails-lyon.localhost", root_page=root)
    yield site
    site.delete()
    Site.clear_site_root_paths_cache()
