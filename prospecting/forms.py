from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from hub import roles

from .models import Activity, Lead, PipelineStage

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class QuickAddForm(forms.Form):
    """Logging a find in seconds: company, URL, note; the rest optional."""

    company = forms.CharField(label=_("Company"), max_length=200, required=False)
    source_url = forms.CharField(
        label=_("Found at (URL)"), max_length=500, required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    website = forms.CharField(label=_("Website"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("Contact"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    siren = forms.CharField(label=_("SIREN or SIRET"), max_length=20, required=False)
    region = forms.CharField(label=_("Region"), max_length=120, required=False)

    def intake_kwargs(self) -> dict:
        data = self.cleaned_data
        siren = "".join(c for c in data["siren"] if c.isdigit())
        company = {
            "name": data["company"],
            "website": data["website"],
            "region": data["region"],
            "siret" if len(siren) == 14 else "siren": data["siren"],
        }
        contact = {
            "name": data["contact_name"],
            "email": data["email"],
            "phone": data["phone"],
        }
        return {
            "company": company,
            "contact": contact if any(contact.values()) else None,
            "source_url": data["source_url"],
            "note": data["note"],
        }

    def add_intake_errors(self, error) -> None:
        """Map the intake's per-field errors onto the form's fields."""
        fields = {"name": "company", "siret": "siren", "source_url": "source_url"}
        for key, messages in error.message_dict.items():
            field = fields.get(key, key)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class PersonChoiceField(forms.ModelChoiceField):
    """People by their full names, not their usernames."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class LeadEditForm(forms.ModelForm):
    owner = PersonChoiceField(
        label=_("owner"), queryset=get_user_model().objects.none(), required=False
    )

    class Meta:
        model = Lead
        fields = [
            "owner",
            "estimated_value",
            "probability",
            "next_action",
            "next_action_due",
            "lost_reason",
            "note",
        ]
        widgets = {
            "next_action_due": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True, groups__name__in=[roles.SALES, roles.MANAGERS]
            )
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["probability"].widget.attrs.update(min=0, max=100)

    def clean_probability(self):
        value = self.cleaned_data["probability"]
        if value is not None and value > 100:
            raise forms.ValidationError(_("A probability is between 0 and 100."))
        return value

    def clean_estimated_value(self):
        value = self.cleaned_data["estimated_value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The value cannot be negative."))
        return value


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k, label)
            for k, label in Activity.Kind.choices
            if k in ("call", "email", "visit", "quote", "note")
        ],
    )
    body = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), required=False, min_value=0, max_value=24 * 60
    )


class MoveForm(forms.Form):
    stage = forms.ModelChoiceField(
        label=_("Stage"), queryset=PipelineStage.objects.all()
    )
    won_amount = forms.DecimalField(
        label=_("Won amount (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    lost_reason = forms.CharField(
        label=_("Lost reason"), max_length=200, required=False
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label=_("Lead number to merge into this one"), min_value=1
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 or Windows-1252, comma or semicolon, first row = headers."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class ImportMappingForm(forms.Form):
    """One select per CSV column: which lead field it fills (or ignore)."""

    def __init__(self, *args, headers, targets, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", _("— ignore —"))] + [(k, v[0]) for k, v in targets.items()]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(column %(n)s)") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=initial_mapping.get(header, ""),
            )

    def mapping(self) -> dict:
        return {
            header: self.cleaned_data.get(f"col_{i}") or ""
            for i, header in enumerate(self.headers)
        }
