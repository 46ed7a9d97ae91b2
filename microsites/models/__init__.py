from .branding import SiteBranding
from .pages import (
    ContactFormField,
    ContactPage,
    ContentPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
)

__all__ = [
    "ContactFormField",
    "ContactPage",
    "ContentPage",
    "MicrositeHomePage",
    "NewsPage",
    "ProductPage",
    "SiteBranding",
]
