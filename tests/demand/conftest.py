import pytest

from tests.wiki.conftest import (  # noqa: F401 - fixtures shared with the wiki's tests
    category,
    make_article,
    make_category,
    republish,
    wiki,
    wiki_tree,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
