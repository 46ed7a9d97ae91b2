from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Delivery


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where you will use it, e.g. “CRM script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"), choices=ApiToken.SCOPE_CHOICES, initial=ApiToken.SCOPE_WRITE
    )


class NotificationPreferencesForm(forms.Form):
    """One choice per notification kind the user can receive: how mail reaches
    them (the bell rings anyway). Built from the apps' registered kinds."""

    def __init__(self, *args, user, **kwargs):
        from .registry import registry
        from .services import deliveries_for

        super().__init__(*args, **kwargs)
        self.kinds = registry.notification_kinds_for(user)
        for kind in self.kinds:
            current = deliveries_for(users=[user], kind=kind.key)[user.pk]
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        return {kind.key: self.cleaned_data[kind.key] for kind in self.kinds}
