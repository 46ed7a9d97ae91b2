"""The dashboard's filter: a period (named or custom dates) and optional site,
channel, owner and team. Every field is optional (no filter is the last 12
months, everything); a bad value is a message in words, never a 500."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .attribution import CHANNEL_CHOICES
from .models import Team
from .stats.periods import (
    DEFAULT_PERIOD,
    MAX_MONTHS,
    PERIODS,
    custom_period,
    named_period,
)
from .stats.scope import Scope


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class _SiteChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.site_name or obj.hostname


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=list(PERIODS.items()), required=False
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    site = _SiteChoice(
        label=_("Site"),
        queryset=Site.objects.filter(is_default_site=False).order_by("site_name"),
        required=False,
        empty_label=_("All sites"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("All channels")), *CHANNEL_CHOICES],
        required=False,
    )
    owner = _PersonChoice(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Everyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("All teams"),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("period"):
            # The select shows the period in force: dates alone mean custom.
            data = data.copy()
            custom = data.get("start") or data.get("end")
            data["period"] = "custom" if custom else DEFAULT_PERIOD
        super().__init__(data, **kwargs)
        # People who own leads (the only owners a filter can find).
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(owned_leads__isnull=False)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        for name in ("start", "end"):
            self.fields[name].error_messages["invalid"] = _(
                "Enter a date, e.g. 2026-03-31."
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        period = data.get("period") or ("custom" if start or end else DEFAULT_PERIOD)
        data["period"] = period
        if self.errors:
            return data
        if period == "custom":
            if not (start and end):
                raise forms.ValidationError(
                    _("A custom period needs a start date and an end date.")
                )
            if start > end:
                raise forms.ValidationError(
                    _("The start date comes after the end date.")
                )
            if len(custom_period(start, end).months) > MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(n)s months.") % {"n": MAX_MONTHS}
                )
        return data

    def scope(self) -> Scope:
        """The scope of valid data (call after is_valid())."""
        data = self.cleaned_data
        if data["period"] == "custom":
            period = custom_period(data["start"], data["end"])
        else:
            period = named_period(data["period"])
        return Scope(
            period=period,
            site_id=data["site"].pk if data.get("site") else None,
            channel=data.get("channel") or "",
            owner_id=data["owner"].pk if data.get("owner") else None,
            team_id=data["team"].pk if data.get("team") else None,
        )
