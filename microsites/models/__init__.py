from .branding import SiteBranding
from .factory import SiteImport
from .pages import (
    ContactFormField,
    ContactPage,
    ContentPage,
    MicrositeFolderPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
)
from .requests import ContactRequest
from .stats import PageStatDay

__all__ = [
    "ContactFormField",
    "ContactPage",
    "ContactRequest",
    "ContentPage",
    "MicrositeFolderPage",
    "MicrositeHomePage",
    "NewsPage",
    "PageStatDay",
    "ProductPage",
    "SiteBranding",
    "SiteImport",
]
