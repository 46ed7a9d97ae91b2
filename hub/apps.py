from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """The project app: staff home, accounts, notifications, audit and the registries
    other apps plug into (navigation, dashboard panels, demo seed steps)."""

    name = "hub"
    verbose_name = _("Hub")

    def ready(self):
        # Each app declares its navigation entries, dashboard panels and seed steps
        # in a `hub_registrations` module, so the hub never imports the apps.
        autodiscover_modules("hub_registrations")
