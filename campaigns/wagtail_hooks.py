"""Composing in the Wagtail admin: a campaign is a snippet with its StreamField
and a live preview of the mail; suppressions and consents are lists managers
can add to (an address asked by phone to be left alone, a signed opt-in)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Campaign, Consent, Suppression


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "mail"
    menu_label = _("Campaigns")
    list_display = ["name", "status", "audience", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "subject"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("site"),
                FieldPanel("audience"),
                FieldPanel("from_name"),
                FieldPanel("per_minute"),
            ],
            heading=_("Campaign"),
        ),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "cross"
    menu_label = _("Do not mail")
    list_display = ["email", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]


class ConsentViewSet(SnippetViewSet):
    model = Consent
    icon = "tick"
    menu_label = _("Consents")
    list_display = ["email", "basis", "given_at"]
    search_fields = ["email"]


class CampaignsGroup(SnippetViewSetGroup):
    items = (CampaignViewSet, SuppressionViewSet, ConsentViewSet)
    menu_icon = "mail"
    menu_label = _("Campaigns")
    menu_order = 260


register_snippet(CampaignsGroup)
