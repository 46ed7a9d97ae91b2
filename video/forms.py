from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from hub import roles

from .models import Room

INVITE_VALIDITY = [
    ("1", _("1 hour")),
    ("4", _("4 hours")),
    ("24", _("1 day")),
    ("168", _("1 week")),
]


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "kind", "max_participants", "scheduled_for"]
        widgets = {
            "scheduled_for": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "max_participants": forms.NumberInput(attrs={"min": 2, "max": 8}),
        }
        help_texts = {
            "scheduled_for": _("Optional: shown on your dashboard."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["scheduled_for"].input_formats = ["%Y-%m-%dT%H:%M"]
        if not roles.is_sales(user) and not user.is_superuser:
            self.fields["kind"].choices = [(Room.Kind.TEAM, Room.Kind.TEAM.label)]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(
                _("Give the room a name of 2 characters or more.")
            )
        return name

    def clean_max_participants(self):
        value = self.cleaned_data["max_participants"]
        if not 2 <= value <= 8:
            raise forms.ValidationError(
                _(
                    "Between 2 and 8 people: every browser sends its video to "
                    "every other."
                )
            )
        return value


class InviteForm(forms.Form):
    guest_label = forms.CharField(
        label=_("Guest (for your records)"),
        max_length=120,
        required=False,
        help_text=_("For example the customer's name; the guest types their own name."),
    )
    validity = forms.ChoiceField(
        label=_("Valid for"), choices=INVITE_VALIDITY, initial="24"
    )

    @property
    def ttl(self) -> timedelta:
        return timedelta(hours=int(self.cleaned_data["validity"]))


class GuestNameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("The host sees it before letting you in."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please tell us your name."))
        return name
