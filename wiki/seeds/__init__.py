"""Seed steps "wiki" (order 20) and "webschool" (order 30): French demo content.

Idempotent: existing categories, articles (by slug), facts (by reference) and
lessons are kept; only what is missing is created.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import PageLogEntry

from hub.progress import ProgressBar

from ..answers.indexing import passages_rebuild
from ..bootstrap import ensure_wiki_tree
from ..models import (
    ArticleFeedback,
    ArticlePage,
    ArticleStat,
    ProductFact,
    SearchLog,
    WikiCategoryPage,
)
from ..services import category_apply_review_policy
from . import answers_fr, articles_fr

AUTHORS = ["editor", "admin", "jdupont", "lbernard", "psimon", "mgarcia"]
EXPERTS = {
    "panneaux-rigides": "psimon",
    "grillage-simple-torsion": "jdupont",
    "grillage-soude": "trobert",
    "portails-et-portillons": "cpetit",
    "poteaux-et-fixations": "psimon",
    "traitements": "jdupont",
    "normes-et-pose": "lbernard",
    "sav": "nmoreau",
}
CHANGE_NOTES = [
    "Relecture technique",
    "Ajout du tableau des dimensions",
    "Précisions pour le service client",
    "Mise à jour des délais",
    "Correction des références",
]
COMPLAINTS = [
    "Il manque les délais pour la Corse.",
    "Le client voulait le prix au mètre linéaire.",
    "Pas de réponse sur la pose sur muret.",
    "La photo du produit manque.",
    "",
]
UNANSWERED = [
    "clôture anti-sanglier",
    "portail en bois massif",
    "haie artificielle sur grillage",
    "pare-ballon pour stade",
    "clôture pour piscine norme",
]
ANSWERED = ["galvanisé", "hauteur panneau", "poteau", "garantie", "portail coulissant"]


@contextlib.contextmanager
def _quiet_page_logs():
    """Keep the progress bar readable: Wagtail and the task runner log every
    page save at INFO level."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _users():
    return {u.username: u for u in get_user_model().objects.all()}


def build_body(text: str, facts: dict) -> list:
    """Mini-syntax (see articles_fr) -> StreamField data."""
    blocks, table = [], []

    def flush_table():
        if table:
            blocks.append(
                (
                    "spec_table",
                    {
                        "caption": "Caractéristiques",
                        "table": {
                            "data": list(table),
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_caption": "",
                        },
                    },
                )
            )
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("|"):
            flush_table()
        if not line:
            continue
        if line.startswith("### "):
            blocks.append(("heading", _heading(line[4:], "h3")))
        elif line.startswith("## "):
            blocks.append(("heading", _heading(line[3:], "h2")))
        elif line.startswith("? "):
            blocks.append(
                ("callout", {"kind": "tip", "title": "Au téléphone", "text": line[2:]})
            )
        elif line.startswith("!! "):
            blocks.append(
                ("callout", {"kind": "warning", "title": "", "text": line[3:]})
            )
        elif line.startswith("! "):
            blocks.append(
                ("callout", {"kind": "info", "title": "À savoir", "text": line[2:]})
            )
        elif line.startswith("|"):
            table.append([cell.strip() for cell in line.strip("|").split("|")])
        elif line.startswith("@"):
            fact = facts.get(line[1:])
            if fact is not None:
                blocks.append(("product_fact", {"fact": fact, "show_image": True}))
        else:
            blocks.append(("paragraph", f"<p>{escape(line)}</p>"))
    flush_table()
    return blocks


INTERNAL_MARK = " [interne]"


def _heading(text: str, level: str) -> dict:
    """A heading; "… [interne]" makes its section staff-only."""
    if text.endswith(INTERNAL_MARK):
        return {
            "text": text.removesuffix(INTERNAL_MARK),
            "level": level,
            "audience": "staff",
        }
    return {"text": text, "level": level, "audience": ""}


def all_articles() -> dict:
    """Category slug -> articles: the encyclopédie, then the answers' demo."""
    merged = {slug: list(items) for slug, items in articles_fr.ARTICLES.items()}
    for slug, items in answers_fr.ARTICLES.items():
        merged.setdefault(slug, []).extend(items)
    return merged


def _seed_facts() -> dict:
    facts = {}
    for ref, name, summary, specs, notes, cost, supplier in articles_fr.FACTS:
        fact = ProductFact.objects.filter(reference=ref).first()
        if fact is None:
            fact = ProductFact(
                reference=ref,
                name=name,
                summary=summary,
                specs=[
                    ("spec", {"label": label, "value": v, "unit": u})
                    for label, v, u in specs
                ],
                internal_notes=notes,
                unit_cost=Decimal(cost),
                supplier=supplier,
            )
            fact.full_clean()
            fact.save()
        facts[ref] = fact
    return facts


def _seed_article(category, slug_key, title, summary, body, facts, users, n):
    slug = slugify(title)[:80]
    if ArticlePage.objects.child_of(category).filter(slug=slug).exists():
        return False
    rng = random.Random(slug)  # noqa: S311 - demo data, reproducible
    first, second = rng.sample(AUTHORS, 2)
    today = timezone.localdate()
    reviewed = today - datetime.timedelta(days=rng.randint(20, 400))
    overdue = n % 7 == 3
    review_by = (
        today - datetime.timedelta(days=rng.randint(5, 60))
        if overdue
        else reviewed + datetime.timedelta(days=365)
    )
    if review_by < today and not overdue:
        review_by = today + datetime.timedelta(days=rng.randint(30, 200))
    page = ArticlePage(
        title=title,
        slug=slug,
        summary=summary,
        body=build_body(body, facts),
        expert=users.get(EXPERTS[slug_key]),
        last_reviewed=reviewed,
        review_by=review_by,
        owner=users.get(first),
        change_note="Première version",
        answer_customers=title in answers_fr.PUBLIC,
        live=False,
    )
    category.add_child(instance=page)
    page.save_revision(user=users.get(first), log_action=True)
    page.change_note = rng.choice(CHANGE_NOTES)
    revision = page.save_revision(user=users.get(second), log_action=True)
    revision.publish(user=users.get(second), skip_permission_checks=True)
    _backdate(page, days=rng.randint(0, 120), hours=rng.randint(8, 18))
    return True


def _backdate(page, *, days, hours):
    """Spread the demo history over the last months (recent changes, feed)."""
    published = timezone.now().replace(hour=hours, minute=0) - datetime.timedelta(
        days=days
    )
    created = published - datetime.timedelta(days=3)
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=created,
        last_published_at=published,
        latest_revision_created_at=published,
    )
    entries = PageLogEntry.objects.filter(page_id=page.pk).order_by("pk")
    for entry in entries[:1]:
        entry.timestamp = created
        entry.save(update_fields=["timestamp"])
    entries.exclude(pk__in=[e.pk for e in entries[:1]]).update(timestamp=published)
    page.revisions.update(created_at=published)


def _seed_activity(users):
    rng = random.Random(42)  # noqa: S311 - demo data, reproducible
    pages = list(ArticlePage.objects.live())
    staff = [u for name, u in users.items() if name not in {"admin"}]
    for page in pages:
        ArticleStat.objects.get_or_create(
            page_id=page.pk, defaults={"views": rng.randint(3, 240)}
        )
    if not ArticleFeedback.objects.exists():
        for page in rng.sample(pages, min(15, len(pages))):
            for user in rng.sample(staff, min(3, len(staff))):
                helpful = rng.random() > 0.3
                ArticleFeedback.objects.create(
                    page=page,
                    user=user,
                    helpful=helpful,
                    comment="" if helpful else rng.choice(COMPLAINTS),
                )
    if not SearchLog.objects.exists():
        for query in UNANSWERED:
            for user in rng.sample(staff, min(rng.randint(1, 4), len(staff))):
                SearchLog.objects.create(
                    query=query, normalized=query, hits=0, user=user
                )
        for query in ANSWERED:
            for user in rng.sample(staff, min(rng.randint(2, 6), len(staff))):
                SearchLog.objects.create(
                    query=query, normalized=query, hits=rng.randint(1, 8), user=user
                )


def seed_wiki(*, stdout, small=False):
    with _quiet_page_logs():
        _seed_wiki(stdout=stdout, small=small)


def _seed_wiki(*, stdout, small=False):
    wiki, _school = ensure_wiki_tree()
    users = _users()
    article_items = [
        (slug, item)
        for slug, items in all_articles().items()
        for item in (items[:2] if small else items)
    ]
    total = len(articles_fr.CATEGORIES) + len(article_items) + 2
    with ProgressBar(total, "Wiki", stream=stdout) as bar:
        categories = {}
        with transaction.atomic():
            facts = _seed_facts()
            for slug, (title, description, review) in articles_fr.CATEGORIES.items():
                category = (
                    WikiCategoryPage.objects.child_of(wiki).filter(slug=slug).first()
                )
                if category is None:
                    category = wiki.add_child(
                        instance=WikiCategoryPage(
                            title=title,
                            slug=slug,
                            description=description,
                            requires_review=review,
                        )
                    )
                    category.save_revision(user=users.get("editor")).publish(
                        user=users.get("editor"), skip_permission_checks=True
                    )
                category_apply_review_policy(category=category)
                categories[slug] = category
                bar.advance()
        for n, (slug, (title, summary, body)) in enumerate(article_items):
            with transaction.atomic():
                _seed_article(
                    categories[slug], slug, title, summary, body, facts, users, n
                )
            bar.advance()
        with transaction.atomic():
            _seed_activity(users)
        bar.advance()
        call_command("update_index", stdout=_Null(), stderr=_Null())
        call_command("rebuild_references_index", stdout=_Null(), stderr=_Null())
        # The answer engine's sections of every article (those seeded before
        # it existed too); their vectors are computed by the background task.
        passages_rebuild(embed=True)
        bar.advance()


class _Null:
    def write(self, *args, **kwargs):
        return None

    def flush(self):
        return None


from .webschool import seed_webschool  # noqa: E402 - uses build_body above

__all__ = ["build_body", "seed_webschool", "seed_wiki"]
