from .branding import SiteBranding
from .pages import (
    ContactFormField,
    ContactPage,
    ContentPage,
    MicrositeFolderPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
)

__all__ = [
    "ContactFormField",
    "ContactPage",
    "ContentPage",
    "MicrositeFolderPage",
    "MicrositeHomePage",
    "NewsPage",
    "ProductPage",
    "SiteBranding",
]
