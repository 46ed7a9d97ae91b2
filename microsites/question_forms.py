"""Forms of the question box: the question, "Est-ce la réponse ?", and the
"un expert vous rappelle" request (with the quote form's spam defences)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import ContactFormBase


class QuestionForm(forms.Form):
    q = forms.CharField(label=_("Your question"), max_length=200)
    # the page whose box was used (attribution of a callback)
    from_page = forms.IntegerField(
        required=False, min_value=1, widget=forms.HiddenInput
    )

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        if not text:
            raise forms.ValidationError(_("Type your question."))
        return text


class VoteForm(forms.Form):
    question = forms.CharField(max_length=300)
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )


class CallbackForm(ContactFormBase):
    """Name and a way to reach the customer; the question travels signed."""

    question = forms.CharField(max_length=300, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to be contacted about my question; my details are used for "
            "nothing else."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("phone") or cleaned.get("email")) and not (
            self.has_error("phone") or self.has_error("email")
        ):
            self.add_error(
                "phone", _("Give a phone number or an e-mail address to reach you.")
            )
        return cleaned

    def typed(self) -> dict:
        """What the customer typed, by the labels they saw (the lead keeps it)."""
        return {
            str(self.fields[name].label): str(self.cleaned_data[name])
            for name in ("name", "phone", "email")
            if self.cleaned_data.get(name)
        } | {str(self.fields["consent"].label): str(_("Yes"))}
