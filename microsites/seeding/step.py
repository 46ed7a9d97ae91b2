"""Seed step "microsites": 80 French product × region sites, fast and idempotent."""

from __future__ import annotations

import datetime
import zlib

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Site

from hub.progress import ProgressBar

from .. import defaults, places
from ..models import (
    ContactFormField,
    ContactPage,
    ContentPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
    SiteBranding,
)
from ..services.factory import (
    microsites_folder,
    page_permissions,
    site_editors_group_name,
    site_port,
)
from . import content
from .builder import PageSpec, TreeBuilder, index_pages
from .data import OPENING_HOURS, PRODUCT_LINES, all_sites, site_colors
from .pictures import line_pictures

BATCH = 10


def hostname_for(line, region) -> str:
    return f"{line.slug}-{region.slug}.localhost"


def _facts_by_line() -> dict[str, list[int]]:
    """Product facts kept by the wiki (read only; the wiki seed creates them),
    matched to each product line by the words of their names."""
    from wiki.models import ProductFact

    facts = list(ProductFact.objects.order_by("pk").values_list("pk", "name"))
    return {
        line.slug: [
            pk
            for pk, name in facts
            if any(word in name.lower() for word in line.fact_words)
        ]
        for line in PRODUCT_LINES
    }


def _faq_articles() -> dict[str, int]:
    """{title: id} of the live wiki articles the demo FAQs quote."""
    from wiki.models import ArticlePage

    from .data import FAQ

    titles = {title for _question, title, _section in FAQ}
    return dict(
        ArticlePage.objects.live()
        .filter(title__in=titles)
        .order_by("pk")
        .values_list("title", "pk")
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _product_body(line, region, title, fact_id, number, pictures):
    body = [
        {"type": "heading", "value": {"text": f"{title} à {region.city}"}},
        _paragraph(
            f"Nous fabriquons et posons votre {_lower_first(title)} à "
            f"{region.city} et partout {region.place.in_phrase}. Devis gratuit, "
            "métré sur place, pose par nos propres équipes."
        ),
        {
            "type": "features",
            "value": {
                "features": [
                    {"title": "Fabrication française", "text": "Dans nos ateliers."},
                    {"title": "Garantie 10 ans", "text": "Structure et finition."},
                    {
                        "title": "Pose comprise",
                        "text": f"Équipe {places.city_of(region.city)}.",
                    },
                ]
            },
        },
        content.product_gallery(number, title, pictures),
    ]
    if fact_id:
        body.append(
            {"type": "product_fact", "value": {"fact": fact_id, "show_image": True}}
        )
    return body


def _contact_spec(line, region) -> PageSpec:
    return PageSpec(
        ContactPage(
            title="Demander un devis",
            slug="devis",
            show_in_menus=True,
            intro=defaults.CONTACT_INTRO,
            thank_you_text=defaults.CONTACT_THANKS,
            subject=f"Demande de devis — {line.name} {region.city}",
        )
    )


def _add_form_fields(pages) -> None:
    """The quote form's fields, for every new contact page in one INSERT."""
    ContactFormField.objects.bulk_create(
        ContactFormField(page_id=page.pk, **row)
        for page in pages
        if isinstance(page, ContactPage)
        for row in defaults.form_field_rows()
    )


def site_spec(
    index, line, region, facts_by_line, pictures, extra_pages=0, faq_articles=None
) -> PageSpec:
    facts = facts_by_line.get(line.slug, [])
    name = f"{line.name} {region.city}"
    count = 3 + zlib.crc32(name.encode()) % 4  # 3 to 6 products, stable
    products = [
        PageSpec(
            ProductPage(
                title=title,
                slug=slugify(title),
                show_in_menus=number <= 3,
                intro=intro,
                image=pictures[number - 1],
                search_description=f"{title} à {region.city} : {intro}",
                body=_product_body(
                    line,
                    region,
                    title,
                    facts[(index + number) % len(facts)] if facts else None,
                    number - 1,
                    pictures,
                ),
            )
        )
        for number, (title, intro) in enumerate(line.products[:count], start=1)
    ]
    news = PageSpec(
        NewsPage(
            title=f"Nouveau showroom {line.name.lower()} à {region.city}",
            slug="actualites",
            show_in_menus=False,  # listed on the home page
            date=datetime.date(2026, 10, 1 + index % 28),
            intro=f"Venez voir nos modèles en vrai, près "
            f"{places.city_of(region.city)}.",
            body=[
                _paragraph(
                    "Ouvert du lundi au vendredi de 8 h à 18 h et le samedi "
                    "matin. Café offert."
                )
            ],
        )
    )
    about = PageSpec(
        ContentPage(
            title="Qui sommes-nous",
            slug="qui-sommes-nous",
            show_in_menus=True,
            intro=f"Une équipe locale au service {region.place.of_phrase}.",
            body=[
                _paragraph(
                    f"Depuis 1987, nous équipons les maisons et les entreprises de "
                    f"{region.city} et de ses environs. {line.pitch}"
                ),
                *content.testimonials(line, region, count=3),
            ],
        )
    )
    projects = PageSpec(
        ContentPage(
            title="Nos réalisations",
            slug="realisations",
            show_in_menus=True,
            intro=f"Quelques chantiers de l'année, à {region.city} et autour.",
            body=[content.projects(line, region, pictures, count=6)],
        )
    )
    extras = [
        PageSpec(
            ContentPage(
                title=f"Guide pratique n° {number}",
                slug=f"guide-{number}",
                intro=f"Conseils pour bien choisir : {line.name.lower()}.",
                body=[_paragraph(line.pitch)],
            )
        )
        for number in range(1, extra_pages + 1)
    ]
    home = MicrositeHomePage(
        title=name,
        slug=f"{line.slug}-{region.slug}",
        intro=f"{line.pitch} Devis gratuit à {region.city} et partout "
        f"{region.place.in_phrase}.",
        image=pictures[0],
        search_description=f"{line.name} à {region.city} : fabrication, pose, devis.",
        body=[
            {
                "type": "features",
                "value": {
                    "features": [
                        {"title": "Devis en 48 h", "text": "Gratuit, sans engagement."},
                        {"title": "Artisans locaux", "text": f"Basés à {region.city}."},
                        {"title": "Paiement en 3 fois", "text": "Sans frais."},
                    ]
                },
            },
            content.projects(line, region, pictures),
            *content.testimonials(line, region),
            *content.faq(faq_articles or {}, f"faq/{line.slug}/{region.slug}"),
        ],
    )
    children = [*products, projects, about, news, _contact_spec(line, region)]
    return PageSpec(home, children=[*children, *extras])


def _branding(site, index, line, region) -> SiteBranding:
    primary, accent = site_colors(index)
    return SiteBranding(
        site=site,
        site_name=site.site_name,
        tagline=f"{line.name} · {region.department}",
        primary_color=primary,
        accent_color=accent,
        phone=region.phone,
        email=f"contact@{line.slug}-{region.slug}.example",
        address=f"12 rue de l'Industrie, {region.postal_code} {region.city}",
        opening_hours=OPENING_HOURS,
        footer_text=f"{line.name} {region.city} est une marque du groupe Grillages "
        "de France. Fabrication française depuis 1987.",
        default_language="fr",
        product_line=line.name,
        callback_hours=24 if line.slug == "portails" else 48,
    )


def _groups(sites: list[Site]) -> None:
    access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_perms = list(page_permissions())
    names = [site_editors_group_name(site.site_name) for site in sites]
    Group.objects.bulk_create([Group(name=n) for n in names], ignore_conflicts=True)
    groups = {g.name: g for g in Group.objects.filter(name__in=names)}
    Group.permissions.through.objects.bulk_create(
        [
            Group.permissions.through(group=g, permission=access)
            for g in groups.values()
        ],
        ignore_conflicts=True,
    )
    grants = []
    for site, name in zip(sites, names, strict=True):
        grants += [
            GroupPagePermission(
                group=groups[name], page_id=site.root_page_id, permission=p
            )
            for p in page_perms
        ]
    GroupPagePermission.objects.bulk_create(grants, ignore_conflicts=True)


@transaction.atomic
def _create_batch(batch, facts, pictures, extra_pages, faq_articles) -> int:
    builder = TreeBuilder(microsites_folder())
    for _i, line, _region in batch:  # drawn and registered once per line
        if line.slug not in pictures:
            pictures[line.slug] = line_pictures(line)
    specs = [
        site_spec(
            i, line, region, facts, pictures[line.slug], extra_pages, faq_articles
        )
        for i, line, region in batch
    ]
    homes = builder.insert_sites(specs)
    sites = Site.objects.bulk_create(
        [
            Site(
                hostname=hostname_for(line, region),
                port=site_port(),
                root_page=home,
                site_name=home.title,
            )
            for home, (_i, line, region) in zip(homes, batch, strict=True)
        ]
    )
    SiteBranding.objects.bulk_create(
        [
            _branding(site, i, line, region)
            for site, (i, line, region) in zip(sites, batch, strict=True)
        ]
    )
    _groups(sites)
    pages = [spec.page for home in specs for spec in _walk(home)]
    _add_form_fields(pages)
    index_pages(pages)
    return len(pages)


def _walk(spec):
    yield spec
    for child in spec.children:
        yield from _walk(child)


def seed_microsites(*, stdout, small=False, count=None, extra_pages=0):
    """Create the demo microsites that do not exist yet (by hostname)."""
    wanted = list(all_sites())[: count or (8 if small else None)]
    existing = set(Site.objects.values_list("hostname", flat=True))
    missing = [w for w in wanted if hostname_for(w[1], w[2]) not in existing]
    facts, faq_articles = _facts_by_line(), _faq_articles()
    pictures: dict[str, list] = {}
    with ProgressBar(len(wanted), "Microsites", stream=stdout) as bar:
        bar.advance(len(wanted) - len(missing))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            _create_batch(batch, facts, pictures, extra_pages, faq_articles)
            bar.advance(len(batch))
    Site.clear_site_root_paths_cache()
    from .. import cache

    cache.invalidate_all()
