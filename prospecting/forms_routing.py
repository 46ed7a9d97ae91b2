"""Forms of the routing page: teams and their rules (Managers)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from hub import roles

from . import normalize
from .forms import PersonChoiceField
from .models import RoutingRule, Team


def full_name(user) -> str:
    return user.get_full_name() or user.username


def salespeople():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.SALES, roles.MANAGERS])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return full_name(obj)


class TeamForm(forms.ModelForm):
    members = PeopleChoiceField(
        label=_("Members"),
        queryset=salespeople(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They take the team's web leads in turn."),
    )
    manager = PersonChoiceField(
        label=_("Manager"),
        queryset=get_user_model().objects.filter(
            is_active=True, groups__name=roles.MANAGERS
        ),
        required=False,
        help_text=_("Told when a promised callback is late."),
    )

    class Meta:
        model = Team
        fields = ["name", "members", "manager"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = salespeople()


class RoutingRuleForm(forms.ModelForm):
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.filter(is_default_site=False).order_by("site_name"),
        required=False,
        empty_label=_("any site"),
    )

    class Meta:
        model = RoutingRule
        fields = [
            "order",
            "name",
            "site",
            "departments",
            "product_line",
            "team",
            "active",
        ]

    def clean_departments(self):
        """'33, 40 ,2a' → '33, 40, 2A'; refuses what no postcode can give."""
        values = [
            v.strip().upper() for v in self.cleaned_data["departments"].split(",")
        ]
        values = [v for v in values if v]
        known = {normalize.department_of(f"{n:02d}000") for n in range(1, 96)} | {
            "2A",
            "2B",
            *(f"97{n}" for n in range(1, 7)),
        }
        bad = [v for v in values if v not in known]
        if bad:
            raise forms.ValidationError(
                _("Unknown departments: %(values)s. Use numbers like 33 or 2A.")
                % {"values": ", ".join(bad)}
            )
        return ", ".join(dict.fromkeys(values))
