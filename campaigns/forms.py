from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from prospecting.models import PipelineStage

from .models import Audience


def _codes(value: str) -> list[str]:
    return [
        part.strip().upper()
        for part in value.replace(";", ",").split(",")
        if part.strip()
    ]


class AudienceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    stages = forms.ModelMultipleChoiceField(
        label=_("Stages"),
        queryset=PipelineStage.objects.order_by("order"),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departments = forms.CharField(
        label=_("Departments"),
        required=False,
        help_text=_("Department numbers separated by commas, e.g. 69, 01, 38."),
    )
    site_ids = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.filter(is_default_site=False).order_by("site_name"),
        required=False,
    )
    product_lines = forms.CharField(label=_("Product lines"), required=False)
    active_since = forms.DateField(label=_("Active since"), required=False)
    inactive_since = forms.DateField(label=_("Not active since"), required=False)
    won_since = forms.DateField(label=_("Ordered since"), required=False)

    def clean_departments(self):
        codes = _codes(self.cleaned_data["departments"])
        wrong = [
            c
            for c in codes
            if not (c.isdigit() and len(c) in (2, 3)) and c not in ("2A", "2B")
        ]
        if wrong:
            raise forms.ValidationError(
                _("Not a French department number: %(codes)s")
                % {"codes": ", ".join(wrong)}
            )
        return codes

    def clean_product_lines(self):
        return [
            p.strip()
            for p in self.cleaned_data["product_lines"].split(",")
            if p.strip()
        ]

    def clean(self):
        data = super().clean()
        active, inactive = data.get("active_since"), data.get("inactive_since")
        if active and inactive and active >= inactive:
            self.add_error(
                "inactive_since",
                _(
                    "“Not active since” must come after “Active since”, "
                    "or nobody matches."
                ),
            )
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        filters = {
            "stages": [stage.key for stage in data["stages"]],
            "departments": data["departments"],
            "site_ids": [site.pk for site in data["site_ids"]],
            "product_lines": data["product_lines"],
        }
        for key in ("active_since", "inactive_since", "won_since"):
            if data.get(key):
                filters[key] = data[key].isoformat()
        return {key: value for key, value in filters.items() if value}

    @classmethod
    def for_audience(cls, audience: Audience, **kwargs):
        f = audience.filters
        initial = {
            "name": audience.name,
            "stages": PipelineStage.objects.filter(key__in=f.get("stages", [])),
            "departments": ", ".join(f.get("departments", [])),
            "site_ids": Site.objects.filter(pk__in=f.get("site_ids", [])),
            "product_lines": ", ".join(f.get("product_lines", [])),
            **{k: f.get(k) for k in ("active_since", "inactive_since", "won_since")},
        }
        return cls(initial=initial, **kwargs)


class TestSendForm(forms.Form):
    to = forms.EmailField(label=_("Send a test to"))


class RebalanceForm(forms.Form):
    from_owner = forms.IntegerField(widget=forms.HiddenInput, required=False)
    to_owners = forms.ModelMultipleChoiceField(label=_("To"), queryset=None)
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=1000)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_owners"].queryset = people
        self.fields["to_owners"].label_from_instance = lambda u: (
            u.get_full_name() or u.username
        )
