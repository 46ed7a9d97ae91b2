from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProspectingConfig(AppConfig):
    name = "prospecting"
    verbose_name = _("War room")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system check
