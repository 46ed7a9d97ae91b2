from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where you will use it, e.g. “CRM script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"), choices=ApiToken.SCOPE_CHOICES, initial=ApiToken.SCOPE_WRITE
    )
