"""Query strings of the API as serializers: the views validate with them (400
on a bad value) and the schema documents each parameter from them."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from .. import selectors
from ..models import Lead
from .fields import QueryBooleanField, QueryIntegerField, StageField, text

MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000


class SearchQuerySerializer(serializers.Serializer):
    """Facets of `/api/leads/search/`."""

    q = text(200, help_text="search text")
    stage = StageField(required=False)
    source = serializers.ChoiceField(choices=Lead.Source.choices, required=False)
    region = text(120, help_text="company region")
    owner = text(150, help_text="owner username")

    def validate_owner(self, value):
        users = get_user_model().objects
        if value and not users.filter(username=value).exists():
            raise serializers.ValidationError(_("Unknown user."))
        return value

    def filters(self) -> dict:
        """The given filters, as `selectors`/`search` take them."""
        data = dict(self.validated_data)
        if data.get("stage") is not None:
            data["stage"] = data["stage"].key
        return {k: v for k, v in data.items() if v not in (None, "", False)}


class LeadListQuerySerializer(SearchQuerySerializer):
    """Filters, order and page of `/api/leads/`."""

    q = text(200, help_text="text in company, city, contact, e-mail, note")
    owner = serializers.RegexField(
        r"^(none|[0-9]{1,18})$",
        max_length=20,
        required=False,
        help_text="owner user id, or none",
    )
    mine = QueryBooleanField(required=False, help_text="only leads I found")
    stale = QueryBooleanField(
        required=False, help_text="only open leads without recent activity"
    )
    sort = serializers.ChoiceField(
        choices=list(selectors.SORTS),
        default="-created",
        help_text="a leading - reverses",
    )
    page = QueryIntegerField(min_value=1, max_value=MAX_PAGE, default=1)
    page_size = QueryIntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=api_settings.PAGE_SIZE
    )

    def validate_owner(self, value):
        if value == "none":
            return value
        if not get_user_model().objects.filter(pk=int(value)).exists():
            raise serializers.ValidationError(_("Unknown user."))
        return value

    def filters(self) -> dict:
        data = super().filters()
        for key in ("sort", "page", "page_size"):
            data.pop(key, None)
        return data
