"""The contact form: Wagtail's form builder plus the spam-defence fields."""

import re
import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import spam

REQUEST_KEY = re.compile(r"[0-9a-f]{32}")


class ContactFormBase(BaseForm):
    """Adds a honeypot and a signed timestamp; `clean()` removes both from
    `cleaned_data`, so submissions store only the editor's fields.

    A filled honeypot is not an error shown to the bot: `is_spam` is set and the
    view answers as if all went well, storing nothing.

    A person who sends before contact.js has run (slow network) only trips the
    time-to-submit check: `only_too_fast()` lets the view show the form again
    with a calm notice instead of an error. The original signed token stays in
    the form, so the time keeps counting from the first display.
    """

    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields[spam.HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[spam.STARTED_FIELD] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial=spam.started_token(),
        )
        # One key per display of the form: a second POST with it (refresh, double
        # click) is the same request, answered without processing it again.
        self.fields[spam.REQUEST_KEY_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=uuid.uuid4().hex
        )
        self.request_key = ""

    def renew_started_token(self):
        """A forged/expired token must not stick to the re-rendered form."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[spam.STARTED_FIELD] = spam.started_token()

    def clean(self):
        cleaned = super().clean()
        key = cleaned.pop(spam.REQUEST_KEY_FIELD, "")
        # An old page without the key still works: a fresh key (no dedupe).
        self.request_key = key if REQUEST_KEY.fullmatch(key or "") else uuid.uuid4().hex
        if cleaned.pop(spam.HONEYPOT_FIELD, ""):
            self.is_spam = True
        token = cleaned.pop(spam.STARTED_FIELD, "")
        elapsed = spam.seconds_since(token)
        if elapsed is None:
            self.renew_started_token()
            raise forms.ValidationError(
                _("This form has expired. Please check your details and send again."),
                code="expired",
            )
        if elapsed < spam.min_seconds():
            raise forms.ValidationError(
                _(
                    "That was very fast! Please check your details, then send the "
                    "form again."
                ),
                code="too_fast",
            )
        return cleaned

    def _started_token(self) -> str:
        if self.is_bound:
            return self.data.get(spam.STARTED_FIELD, "")
        return self.fields[spam.STARTED_FIELD].initial

    def seconds_left(self) -> float:
        """Seconds before a submission of this form passes the time check
        (contact.js waits them out)."""
        elapsed = spam.seconds_since(self._started_token())
        if elapsed is None:
            return spam.min_seconds()
        return round(max(0.0, spam.min_seconds() - elapsed), 3)

    def only_too_fast(self) -> bool:
        """True when the one problem is the time to submit (honeypot empty,
        every field valid): a hurried person, not a bot caught by the trap."""
        errors = self.errors.as_data()
        return (
            not self.is_spam
            and list(errors) == [NON_FIELD_ERRORS]
            and all(e.code == "too_fast" for e in errors[NON_FIELD_ERRORS])
        )

    def visible_fields(self):
        return [
            f for f in super().visible_fields() if f.name not in (spam.HONEYPOT_FIELD,)
        ]

    @property
    def honeypot(self):
        return self[spam.HONEYPOT_FIELD]


class ContactFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (ContactFormBase,), self.formfields)
