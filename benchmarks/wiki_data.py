"""Generate many wiki articles fast: bulk inserts instead of 100k `add_child` calls.

`Page.add_child` costs several queries and a full save per page; at 100k that is
most of an hour. Here a batch of articles costs a handful of statements:
treebeard materialized paths are computed (`ArticlePage._get_path`), the `Page`
rows are bulk-created, the `ArticlePage` rows (multi-table child, which Django's
`bulk_create` refuses) are inserted with one `executemany`, and the search index
entries go through the search backend's own `add_bulk` (SQLite FTS5 rows via its
triggers, PostgreSQL tsvectors). The result is what publishing would produce:
live pages, correct tree counters, indexed text.
"""

from __future__ import annotations

import random
import uuid

from django.db import connection, transaction
from django.utils import timezone

PRODUCTS = [
    "panneau rigide",
    "grillage soudé",
    "grillage simple torsion",
    "portail coulissant",
    "portail battant",
    "poteau à encoches",
    "clôture bois composite",
    "gabion",
    "brise-vue occultant",
    "barrière levante",
]
TOPICS = [
    "pose sur muret",
    "galvanisation à chaud",
    "plastification polyester",
    "hauteurs disponibles",
    "fixations et colliers",
    "motorisation",
    "garantie anticorrosion",
    "norme NF EN 1176",
    "entretien annuel",
    "terrain en pente",
]
WORDS = (
    "acier maille fil diamètre thermolaqué zinc poteau platine scellement béton "
    "rigidité vent chantier devis livraison gamme coloris anthracite vert blanc "
    "résistance corrosion soudure traverse lame occultation intimité sécurité "
    "agricole industriel collectivité particulier jardin stade école parking"
).split()

BATCH = 2000


def article_text(index: int, rng: random.Random) -> tuple[str, str, str]:
    product = PRODUCTS[index % len(PRODUCTS)]
    topic = TOPICS[(index // len(PRODUCTS)) % len(TOPICS)]
    title = f"{product.capitalize()} : {topic} ({index})"
    summary = f"Tout savoir sur le {product} : {topic}, réponses aux clients."
    body = " ".join(rng.choice(WORDS) for _ in range(120))
    return title, summary, f"{body} référence{index}"


def _body(title: str, text: str) -> list[dict]:
    return [
        {
            "type": "heading",
            "value": {"text": title[:120], "level": "h2"},
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())},
    ]


def ensure_category(name: str = "Banc d'essai"):
    from wiki.bootstrap import ensure_wiki_tree
    from wiki.models import WikiCategoryPage

    wiki, _school = ensure_wiki_tree()
    category = WikiCategoryPage.objects.filter(slug="banc-d-essai").first()
    if category is None:
        category = wiki.add_child(
            instance=WikiCategoryPage(
                title=name, slug="banc-d-essai", requires_review=False
            )
        )
    return category


def _insert_children(model, objs) -> None:
    """INSERT the child-table rows of a multi-table model (page_ptr + own fields)."""
    fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 - model metadata
            rows,
        )


@transaction.atomic
def _add_batch(category, start: int, count: int, rng, content_type, backend) -> None:
    from wagtail.models import Page

    from wiki.models import ArticlePage

    category.refresh_from_db(fields=["numchild"])
    now = timezone.now()
    articles = []
    for offset in range(count):
        index = start + offset
        title, summary, text = article_text(index, rng)
        slug = f"article-{index}"
        articles.append(
            ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                path=ArticlePage._get_path(
                    category.path, category.depth + 1, category.numchild + offset + 1
                ),
                depth=category.depth + 1,
                numchild=0,
                url_path=f"{category.url_path}{slug}/",
                locale_id=category.locale_id,
                first_published_at=now,
                last_published_at=now,
                summary=summary,
                body=_body(title, text),
            )
        )
    page_fields = Page._meta.concrete_fields
    pages = Page.objects.bulk_create(
        [
            Page(
                **{
                    f.attname: getattr(a, f.attname)
                    for f in page_fields
                    if not f.primary_key
                }
            )
            for a in articles
        ]
    )
    for article, page in zip(articles, pages, strict=True):
        article.pk = article.page_ptr_id = article.id = page.pk
    _insert_children(ArticlePage, articles)
    for article in articles:
        # The index asks for `search_stems` once per index column (six times);
        # the value is computed once here, by the wiki's own method.
        stems = article.search_stems()
        article.search_stems = lambda stems=stems: stems
    Page.objects.filter(pk=category.pk).update(numchild=category.numchild + count)
    backend.add_bulk(ArticlePage, articles)


def add_articles(category, start: int, count: int, *, seed: int = 8) -> None:
    """Append `count` live, indexed articles numbered from `start` to `category`."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend

    from wiki.models import ArticlePage

    rng = random.Random(seed + start)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    backend = get_search_backend()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        _add_batch(category, start + done, size, rng, content_type, backend)
        done += size
    _refresh_planner_statistics()


def _refresh_planner_statistics() -> None:
    """After a bulk load, what autovacuum would do a minute later: without
    fresh statistics PostgreSQL plans the first searches for an empty index."""
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from hub.dbstats import analyze

    analyze(IndexEntry, Page)
