"""Admin wiring: the pipeline stages are configured in the Wagtail admin
(Snippets → Pipeline stages); leads themselves are worked in /war-room/."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PipelineStage


class PipelineStageViewSet(SnippetViewSet):
    model = PipelineStage
    icon = "list-ol"
    menu_label = _("Pipeline stages")
    list_display = ["label", "key", "kind", "order", "probability"]
    ordering = ["order", "pk"]


register_snippet(PipelineStageViewSet)
