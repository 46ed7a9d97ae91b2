"""schema.org JSON-LD of the public pages: what a search engine needs to show the
firm as a local business (address, phone, opening hours), a product as a product,
and where a page sits (breadcrumbs). Plain dicts; the template writes them with
the `json_ld` filter."""

from __future__ import annotations

from wagtail.models import Page

from . import faq, hours
from .pictures import rendition_url

CONTEXT = "https://schema.org"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _image_url(request, image) -> str:
    if image is None:
        return ""
    return _absolute(request, rendition_url(image, "width-1200|format-jpeg"))


def local_business(request, branding, home_image=None) -> dict:
    parts = branding.address_parts
    data = {
        "@context": CONTEXT,
        "@type": "LocalBusiness",
        "@id": _absolute(request, "/#entreprise"),
        "name": branding.display_name,
        "url": _absolute(request, "/"),
        "description": branding.tagline,
        "telephone": branding.phone,
        "email": branding.email,
        "logo": _absolute(request, "/icon-512.png"),
        "image": _image_url(request, home_image) or _absolute(request, "/icon-512.png"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": parts["street"],
            "postalCode": parts["postal_code"],
            "addressLocality": parts["city"],
            "addressCountry": "FR",
        },
        "openingHoursSpecification": hours.schema_specifications(
            branding.opening_hours
        ),
    }
    return {key: value for key, value in data.items() if value}


def product(request, page, branding) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "Product",
        "name": page.title,
        "description": page.search_description or page.intro,
        "url": _absolute(request, page.get_url(request)),
        "image": _image_url(request, page.image),
        "category": branding.product_line,
        "brand": {"@type": "Brand", "name": branding.display_name},
        "manufacturer": {"@id": _absolute(request, "/#entreprise")},
    }
    return {key: value for key, value in data.items() if value}


def breadcrumb_trail(page, site) -> list[Page]:
    """Home → … → this page. A child of the home (most pages) needs no query:
    the site's root page came with the site."""
    root = site.root_page
    if page.depth <= root.depth:
        return [page]
    if page.depth == root.depth + 1:
        return [root, page]
    return list(
        Page.objects.ancestor_of(page, inclusive=True)
        .filter(depth__gte=root.depth)
        .order_by("depth")
        .only("title", "url_path", "depth")
    )


def breadcrumbs(request, trail, site) -> dict:
    root_path = site.root_page.url_path
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": _absolute(request, crumb.url_path[len(root_path) - 1 :]),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def page_graph(request, page, branding, site, trail) -> list[dict]:
    """Every JSON-LD object of a page: the firm on each page (its photo: the
    home's, on the home), the product on product pages, the breadcrumbs below
    the home page, FAQPage where the page answers questions."""
    from .models import ProductPage

    is_home = page.depth == site.root_page.depth
    home_image = getattr(page, "image", None) if is_home else None
    graph = [local_business(request, branding, home_image)]
    if isinstance(page, ProductPage):
        graph.append(product(request, page, branding))
    if not is_home:
        graph.append(breadcrumbs(request, trail, site))
    answered = faq.page_entries(page)
    if answered:
        graph.append(faq.faq_page(answered))
    return graph
