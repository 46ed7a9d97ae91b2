from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    """The editors' demand queue: what people asked the encyclopédie and could
    not find (zero-result searches, "not helpful" votes, unanswered customer
    questions, red links), one ranked list with its actions.

    An app of its own because several apps feed it (the wiki's searches and
    votes through signals, the microsites' question box through a service)
    and it keeps its own tables and migrations apart from the wiki's."""

    name = "demand"
    verbose_name = _("Demand queue")

    def ready(self):
        from . import signals

        signals.connect()
