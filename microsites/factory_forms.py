"""Forms of the site factory: the guided steps and the CSV upload. Each step
checks its own answers with the service's checks (the service checks them all
again when it creates the site)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from . import places, selectors
from .services import checks
from .services.factory import validate_hostname

COLOR_HELP = _("White text must be readable on it (4.5:1 contrast).")


class SiteStepForm(forms.Form):
    name = forms.CharField(
        label=_("Site name"),
        max_length=120,
        help_text=_("As visitors will read it, e.g. Portails Dijon"),
    )
    hostname = forms.CharField(
        label=_("Hostname"),
        max_length=253,
        help_text=_("For example portails-dijon.localhost"),
    )
    template = forms.ModelChoiceField(
        label=_("Start from the site"),
        queryset=None,
        help_text=_(
            "Its evergreen pages are copied (products, about, quote form), made for"
            " the new city; never its news, projects or testimonials."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = selectors.microsite_sites().order_by(
            "site_name"
        )
        self.fields["template"].error_messages["invalid_choice"] = _(
            "Choose one of the listed sites."
        )

    def clean_hostname(self):
        return validate_hostname(self.cleaned_data["hostname"])


def department_choices():
    return [("", "—")] + [(d.code, str(d)) for d in places.DEPARTMENTS.values()]


class PlaceStepForm(forms.Form):
    city = forms.CharField(label=_("City"), max_length=80)
    department = forms.ChoiceField(label=_("Department"), choices=department_choices)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10)
    address = forms.CharField(
        label=_("Street address"),
        max_length=180,
        help_text=_("Number and street; the postcode and city are added."),
    )

    def clean(self):
        data = super().clean()
        department = places.department_find(data.get("department", ""))
        if "postal_code" in data:
            try:
                data["postal_code"] = checks.clean_postal_code(
                    data["postal_code"], department
                )
            except ValidationError as error:
                self.add_error("postal_code", error)
        return data


class ContactStepForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), max_length=30)
    email = forms.CharField(label=_("E-mail"), max_length=254)

    def clean_phone(self):
        return checks.french_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return checks.clean_email(self.cleaned_data["email"])


class LookStepForm(forms.Form):
    primary_color = forms.CharField(
        label=_("Main colour"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text=COLOR_HELP,
    )
    accent_color = forms.CharField(
        label=_("Accent colour"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text=COLOR_HELP,
    )
    logo = WagtailImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP; empty keeps the template's logo."),
    )

    def clean_primary_color(self):
        return checks.clean_color(self.cleaned_data["primary_color"], "")

    def clean_accent_color(self):
        return checks.clean_color(self.cleaned_data["accent_color"], "")


class SiteImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One site per line; at most 200 lines, 1 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise ValidationError(_("The file is over 1 MB: split it."))
        return upload
